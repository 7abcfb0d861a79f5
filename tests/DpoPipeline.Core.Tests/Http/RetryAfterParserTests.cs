using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Core.Tests.Http;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Milliseconds_header_wins_over_seconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Parse(new() { ["retry-after-ms"] = "1500", ["Retry-After"] = "9" }));

    [Fact]
    public void Azure_ms_header_is_read() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Parse(new() { ["x-ms-retry-after-ms"] = "250" }));

    [Fact]
    public void Seconds_header_is_read() => Assert.Equal(TimeSpan.FromSeconds(2), Parse(new() { ["Retry-After"] = "2" }));

    [Fact]
    public void Http_date_header_is_relative_to_now() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Parse(new() { ["Retry-After"] = "Mon, 30 Nov 2026 12:00:30 GMT" }));

    [Fact]
    public void Message_hint_is_used_when_no_header_came() =>
        Assert.Equal(TimeSpan.FromSeconds(60), RetryAfterParser.Parse(_ => null, "Rate limit is exceeded. Try again in 60 seconds.", Now));

    [Fact]
    public void Nothing_means_no_hint() => Assert.Null(RetryAfterParser.Parse(_ => null, "Rate limit is exceeded.", Now));

    private static TimeSpan? Parse(Dictionary<string, string> headers) =>
        RetryAfterParser.Parse(name => headers.TryGetValue(name, out var value) ? value : null, null, Now);
}
