using System.Text.Json;
using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

public sealed class DatasetConverterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Convert_ShareGptArray_WritesAzureFilesThatValidateAndAManifest()
    {
        var output = _temp.File("out");
        var result = await ConvertAsync(TestData.Dataset("llamafactory-dpo-en-demo.json"), output, new ConversionOptions { Deduplicate = true });

        Assert.NotNull(result.Manifest);
        Assert.Equal(5, result.Manifest.DuplicatesDropped);
        Assert.Equal(295, result.Manifest.Train.Examples + result.Manifest.Validation!.Examples);
        Assert.InRange(result.Manifest.Validation.Examples, 25, 35);
        Assert.Equal(DatasetShape.ShareGpt, result.Manifest.SourceShape);
        Assert.Equal(result.Manifest.Train.Tokens, result.Report.Tokens.TrainTokens);

        var train = await DatasetValidator.ValidateAsync(result.TrainPath!, new ValidationOptions { ValidationFile = result.ValidationPath }, null, TestContext.Current.CancellationToken);
        Assert.True(train.IsValid);
        Assert.Equal(DatasetShape.AzureDpo, train.Shape);
        Assert.Equal(result.Manifest.Train.Tokens, train.Tokens.TrainTokens);
        Assert.Equal(result.Manifest.Validation.Tokens, train.Tokens.ValidationTokens);
        Assert.DoesNotContain(IssueCodes.PromptInTrainAndValidation, train.WarningCounts.Keys);
        Assert.DoesNotContain(IssueCodes.DuplicateExample, train.WarningCounts.Keys);
    }

    [Fact]
    public async Task Convert_SameInputTwice_GivesByteIdenticalFilesAndADifferentSeedAnotherSplit()
    {
        var source = TestData.Dataset("orca-dpo-validation.jsonl");
        var first = await ConvertAsync(source, _temp.File("a"), new ConversionOptions());
        var second = await ConvertAsync(source, _temp.File("b"), new ConversionOptions());
        var reseeded = await ConvertAsync(source, _temp.File("c"), new ConversionOptions { Seed = 7 });

        Assert.Equal(await File.ReadAllBytesAsync(first.TrainPath!, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(second.TrainPath!, TestContext.Current.CancellationToken));
        Assert.Equal(first.Manifest!.Validation!.Sha256, second.Manifest!.Validation!.Sha256);
        Assert.NotEqual(first.Manifest.Validation.Sha256, reseeded.Manifest!.Validation!.Sha256);
    }

    [Fact]
    public async Task Convert_Output_IsUtf8WithoutBomWithLfLineEnds()
    {
        var lines = Enumerable.Range(1, 12).Select(Examples.Trl);
        var source = _temp.Write("crlf.jsonl", "\uFEFF" + string.Join("\r\n", lines) + "\r\n");

        var result = await ConvertAsync(source, _temp.File("out"), new ConversionOptions { ValidationFraction = 0 });

        var bytes = await File.ReadAllBytesAsync(result.TrainPath!, TestContext.Current.CancellationToken);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(12, bytes.Count(b => b == (byte)'\n'));
        Assert.Null(result.ValidationPath);
    }

    [Fact]
    public async Task Convert_SplitKeysOnThePrompt_OnePromptNeverLandsOnBothSides()
    {
        // 40 prompts, three answers pairs each.
        var lines = Enumerable.Range(0, 120).Select(i =>
            $$"""{"prompt":"Prompt {{i % 40}}","chosen":"Good answer {{i}}","rejected":"Bad answer {{i}}"}""");
        var source = _temp.Write("groups.jsonl", string.Join("\n", lines));

        var result = await ConvertAsync(source, _temp.File("out"), new ConversionOptions { ValidationFraction = 0.25 });

        var trainPrompts = await PromptsAsync(result.TrainPath!);
        var validationPrompts = await PromptsAsync(result.ValidationPath!);
        Assert.Empty(trainPrompts.Intersect(validationPrompts));
        Assert.Equal(40, trainPrompts.Count + validationPrompts.Count);
        Assert.Equal(30, validationPrompts.Count * 3);
    }

    [Fact]
    public async Task Convert_InvalidSource_WritesOnlyTheReportAndRemovesStaleOutputs()
    {
        var output = Directory.CreateDirectory(_temp.File("out")).FullName;
        await File.WriteAllTextAsync(Path.Combine(output, DatasetConverter.TrainFileName), "stale", TestContext.Current.CancellationToken);

        var result = await ConvertAsync(TestData.Dataset("hh-rlhf-harmless-base-test-500.jsonl"), output, new ConversionOptions());

        Assert.Null(result.Manifest);
        Assert.Null(result.TrainPath);
        Assert.False(result.Report.IsValid);
        Assert.Equal([DatasetConverter.ReportFileName], Directory.GetFiles(output).Select(Path.GetFileName));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(result.ReportPath, TestContext.Current.CancellationToken));
        Assert.False(report.RootElement.GetProperty("is_valid").GetBoolean());
    }

    [Fact]
    public async Task Convert_SkipInvalid_LeavesOutTheBadRowsAsWarnings()
    {
        var result = await ConvertAsync(TestData.Dataset("hh-rlhf-harmless-base-test.jsonl.gz"), _temp.File("out"), new ConversionOptions { SkipInvalidExamples = true });

        Assert.NotNull(result.Manifest);
        Assert.Equal(2303, result.Manifest.Train.Examples + result.Manifest.Validation!.Examples);
        Assert.Equal(4, result.Report.WarningCounts[IssueCodes.MissingContent]);
        Assert.Contains(result.Report.Issues, i => i.Message.StartsWith("Skipped: ", StringComparison.Ordinal));
        Assert.True(result.Report.IsValid);
        Assert.NotNull(result.Stats);
        Assert.Equal(2303, result.Stats.Examples);
    }

    [Fact]
    public async Task Convert_FewExamples_SkipsTheValidationFileWithAWarning()
    {
        var source = _temp.WriteAzure("small.jsonl", 15);

        var result = await ConvertAsync(source, _temp.File("out"), new ConversionOptions());

        Assert.Null(result.ValidationPath);
        Assert.Equal(15, result.Manifest!.Train.Examples);
        Assert.Equal(1, result.Report.WarningCounts[IssueCodes.ValidationSplitSkipped]);
    }

    [Theory]
    [InlineData(20, 10)]
    [InlineData(30, 10)]
    [InlineData(200, 20)]
    public async Task Convert_SmallDataset_HoldsOutAtLeastTheServiceMinimumForValidation(int examples, int validation)
    {
        var result = await ConvertAsync(_temp.WriteAzure("small.jsonl", examples), _temp.File("out"), new ConversionOptions());

        Assert.NotNull(result.ValidationPath);
        Assert.Equal(validation, result.Manifest!.Validation!.Examples);
        Assert.Equal(examples - validation, result.Manifest.Train.Examples);
    }

    [Fact]
    public async Task Convert_ValidationFractionZero_WritesNoValidationFileAndNoWarning()
    {
        var result = await ConvertAsync(_temp.WriteAzure("small.jsonl", 30), _temp.File("out"), new ConversionOptions { ValidationFraction = 0 });

        Assert.Null(result.ValidationPath);
        Assert.False(result.Report.WarningCounts.ContainsKey(IssueCodes.ValidationSplitSkipped));
    }

    [Fact]
    public async Task Convert_OutputAboveTheServiceLimit_IsRefusedAndNothingIsLeft()
    {
        var output = _temp.File("out");
        var result = await ConvertAsync(_temp.WriteAzure("src.jsonl", 40), output,
            new ConversionOptions { ValidationFraction = 0, Reading = new ValidationOptions { MaxFileBytes = 2000 } });

        Assert.Null(result.Manifest);
        Assert.Equal(1, result.Report.ErrorCounts[IssueCodes.FileTooLarge]);
        Assert.False(File.Exists(Path.Combine(output, DatasetConverter.TrainFileName)));
    }

    private static async Task<HashSet<string>> PromptsAsync(string path)
    {
        var prompts = new HashSet<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken))
        {
            using var document = JsonDocument.Parse(line);
            prompts.Add(document.RootElement.GetProperty("input").GetProperty("messages")[0].GetProperty("content").GetString()!);
        }

        return prompts;
    }

    private static Task<ConversionResult> ConvertAsync(string source, string output, ConversionOptions options) =>
        DatasetConverter.ConvertAsync(source, output, options, null, TestContext.Current.CancellationToken);
}
