using DpoPipeline.Emulator.Faults;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class FaultSpecTests
{
    [Theory]
    [InlineData("429;retry-after=2", 429, 2, 0, false)]
    [InlineData("429", 429, 1, 0, false)]
    [InlineData("500", 500, 1, 0, false)]
    [InlineData("503", 503, 1, 0, false)]
    [InlineData("slow=1500", null, 1, 1500, false)]
    [InlineData("drop", null, 1, 0, true)]
    [InlineData("slow=200, 503", 503, 1, 200, false)]
    [InlineData("400", 400, 1, 0, false)]
    [InlineData("403", 403, 1, 0, false)]
    public void Parse_SupportedSyntax_GivesTheFault(string text, int? status, int retryAfter, int delayMs, bool drop)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Equal(new FaultSpec(status, retryAfter, TimeSpan.FromMilliseconds(delayMs), drop), spec);
    }

    [Theory]
    [InlineData("")]
    [InlineData("418")]
    [InlineData("slow=fast")]
    [InlineData("429;retry-before=2")]
    public void TryParse_UnknownSyntax_FailsWithAMessageNamingIt(string text)
    {
        Assert.False(FaultSpec.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Start_WithInvalidConfiguredFault_FailsBeforeListening()
    {
        var options = new EmulatorOptions();
        options.Faults.Add(new FaultRule { Fault = "teapot" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken));

        Assert.Contains("teapot", error.Message, StringComparison.Ordinal);
    }
}
