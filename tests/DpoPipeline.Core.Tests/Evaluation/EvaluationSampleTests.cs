using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class EvaluationSampleTests
{
    [Fact]
    public void Select_SmallerSample_IsEvenlySpacedOverTheWholeSet()
    {
        var items = Enumerable.Range(0, 200).ToList();

        var sample = EvaluationSample.Select(items, 50);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 4), sample);
    }

    [Fact]
    public void Select_UnevenRatio_PicksDistinctItemsFromStartToEnd()
    {
        var sample = EvaluationSample.Select(Enumerable.Range(0, 10).ToList(), 3);

        Assert.Equal([0, 3, 6], sample);
    }

    [Fact]
    public void Select_SampleAsLargeAsTheSet_KeepsEverything()
    {
        var items = new[] { "a", "b" };

        Assert.Same(items, EvaluationSample.Select(items, 50));
    }

    [Fact]
    public void Select_EmptySampleSize_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationSample.Select(new[] { 1 }, 0));
}
