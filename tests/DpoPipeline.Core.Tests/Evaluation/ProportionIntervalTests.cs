using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class ProportionIntervalTests
{
    // Expected bounds computed by hand from the Wilson formula with z = 1.96.
    [Theory]
    [InlineData(8, 10, 0.490158, 0.943318)]
    [InlineData(6, 8, 0.409270, 0.928522)]
    [InlineData(0, 10, 0.0, 0.277541)]
    [InlineData(10, 10, 0.722459, 1.0)]
    [InlineData(1, 1, 0.206543, 1.0)]
    public void Wilson_MatchesHandComputedBounds(int successes, int trials, double lower, double upper)
    {
        var interval = ProportionInterval.Wilson(successes, trials);

        Assert.Equal(lower, interval.Lower, 5);
        Assert.Equal(upper, interval.Upper, 5);
    }

    [Fact]
    public void Wilson_WithoutTrials_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(0, 0));

    [Fact]
    public void Wilson_MoreSuccessesThanTrials_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(3, 2));
}
