using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>Every real dataset in tests/data/datasets read end to end: format, shape, counts and the known defects.</summary>
public sealed class RealDatasetTests
{
    public static TheoryData<string, DatasetFormat, DatasetShape, int, bool> Files => new()
    {
        { "azure-gpt4o-dpo-train-200.jsonl", DatasetFormat.JsonLines, DatasetShape.AzureDpo, 200, true },
        { "orca-dpo-validation.jsonl", DatasetFormat.JsonLines, DatasetShape.AzureDpo, 284, true },
        { "alignment-mini-lab-dpo-train.jsonl", DatasetFormat.JsonLines, DatasetShape.TrlStandard, 242, true },
        { "llm-on-ray-orca-dpo-sample.jsonl", DatasetFormat.JsonLines, DatasetShape.Orca, 100, true },
        { "llm-on-ray-rm-sample-pretty.jsonl", DatasetFormat.Json, DatasetShape.TrlStandard, 100, true },
        { "llamafactory-dpo-en-demo.json", DatasetFormat.Json, DatasetShape.ShareGpt, 300, true },
        { "medicalgpt-reward-test.json", DatasetFormat.JsonLines, DatasetShape.Mapped, 100, true },
        { "medicalgpt-dpo-zh-500.jsonl", DatasetFormat.JsonLines, DatasetShape.Mapped, 500, true },
        { "torchtune-stack-exchange-paired-tiny.json", DatasetFormat.Json, DatasetShape.Mapped, 25, true },
        { "nemo-aligner-dummy-dpo.jsonl", DatasetFormat.JsonLines, DatasetShape.Mapped, 100, true },
        { "turbo-alignment-train-preferences.jsonl", DatasetFormat.JsonLines, DatasetShape.Mapped, 16, true },
        { "torchtune-hh-rlhf-tiny.json", DatasetFormat.Json, DatasetShape.TrlConversational, 1, false },
        { "hh-rlhf-harmless-base-test-500.jsonl", DatasetFormat.JsonLines, DatasetShape.HhRlhf, 500, false },
        { "hh-rlhf-harmless-base-test.jsonl.gz", DatasetFormat.JsonLines, DatasetShape.HhRlhf, 2312, false },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Validate_RealDataset_DetectsFormatShapeAndCountsEveryExample(string file, DatasetFormat format, DatasetShape shape, int examples, bool valid)
    {
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset(file), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(format, report.Format);
        Assert.Equal(shape, report.Shape);
        Assert.Equal(examples, report.ExampleCount);
        Assert.Equal(valid, report.IsValid);
        Assert.True(report.Tokens.TrainTokens > 0);
    }

    [Fact]
    public async Task Validate_HhRlhfGzip_ReportsTheEmptyFinalTurnsAndDivergingConversations()
    {
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("hh-rlhf-harmless-base-test.jsonl.gz"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.True(report.Compressed);
        Assert.Equal(3_280_164, report.BytesRead);
        Assert.Equal(4, report.ErrorCounts[IssueCodes.MissingContent]);
        Assert.Equal(5, report.ErrorCounts[IssueCodes.MultipleAssistantOutputs]);
        Assert.Equal([87L, 517, 926, 1104], report.Issues.Where(i => i.Code == IssueCodes.MissingContent).Select(i => i.Line!.Value));
        Assert.Equal([1255L, 1689, 1951, 1953, 2037], report.Issues.Where(i => i.Code == IssueCodes.MultipleAssistantOutputs).Select(i => i.Line!.Value));
    }

    [Fact]
    public async Task Validate_SftFile_IsRefusedWithTheSftErrorNotAShapeGuess()
    {
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("gsm8k-sft-chat-validation.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.False(report.IsValid);
        Assert.Equal(IssueCodes.SftData, Assert.Single(report.ErrorCounts.Keys));
        Assert.Contains("supervised fine-tuning", report.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PrettyPrintedObjects_ReportsChosenEqualsRejectedOnTheObjectsFirstLine()
    {
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("llm-on-ray-rm-sample-pretty.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        var issue = Assert.Single(report.Issues, i => i.Code == IssueCodes.ChosenEqualsRejected);
        Assert.Equal(1 + (45 * 5), issue.Line);
    }

    [Fact]
    public async Task Validate_DuplicatedRows_AreCountedAsWarnings()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var llama = await DatasetValidator.ValidateAsync(TestData.Dataset("llamafactory-dpo-en-demo.json"), new ValidationOptions(), null, cancellation);
        var nemo = await DatasetValidator.ValidateAsync(TestData.Dataset("nemo-aligner-dummy-dpo.jsonl"), new ValidationOptions(), null, cancellation);

        Assert.Equal(5, llama.WarningCounts[IssueCodes.DuplicateExample]);
        Assert.Equal(96, nemo.WarningCounts[IssueCodes.DuplicateExample]);
    }
}
