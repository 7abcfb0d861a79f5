using System.Collections.Concurrent;
using System.Reflection;
using Xunit;
using Xunit.v3;

// Compiled into every test project by tests/Directory.Build.props: no test anywhere runs without a time limit.
[assembly: DpoPipeline.TestTimeLimit.TestTimeLimitAttribute]

namespace DpoPipeline.TestTimeLimit;

/// <summary>
/// A time limit for every test, declared <c>Timeout</c> or not. At the limit the test's cancellation token is cancelled
/// and a warning says why, so a test that waits on it ends as a failure; a test still running after a grace period
/// ignores cancellation, and the test process is stopped with the test's name: a failed run in minutes instead of a
/// hung one that loses CI's 90 minutes. A declared <c>Timeout</c>, which xUnit enforces itself, is only backed up.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestTimeLimitAttribute : BeforeAfterTestAttribute
{
    /// <summary>The limit of a test that declares none: far above what any test here takes on a busy machine.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(10);

    /// <summary>How long a test may go on after its token was cancelled before the process is stopped.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Timer> _watches = new(StringComparer.Ordinal);

    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var context = TestContext.Current;
        var limit = test.Timeout > 0 ? TimeSpan.FromMilliseconds(test.Timeout) + Grace : DefaultLimit;
        var name = test.TestDisplayName;
        var cancelled = false;
        Timer? watch = null;
        watch = new Timer(
            _ =>
            {
                if (!cancelled)
                {
                    cancelled = true;
                    context.AddWarning($"Ran past its time limit of {limit}: its cancellation token was cancelled.");
                    Console.Error.WriteLine($"[time limit] {name} ran past {limit}; cancelling it.");
                    context.CancelCurrentTest();
                    watch!.Change(Grace, Timeout.InfiniteTimeSpan);
                    return;
                }

                Environment.FailFast(
                    $"[time limit] {name} ran past {limit} and went on {Grace} after its cancellation; stopping the test process so the run cannot hang.");
            },
            null,
            limit,
            Timeout.InfiniteTimeSpan);
        _watches[test.UniqueID] = watch;
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (_watches.TryRemove(test.UniqueID, out var watch))
        {
            watch.Dispose();
        }
    }
}
