using System.Text;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.FineTuning;

public sealed class StepMetricsCsvReaderTests
{
    private static readonly string OpenAIResults = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "api-payloads", "openai-ft-results-sft-function-calling.csv"));

    // The Azure column layout documented for result files; rows shaped like those Azure writes.
    private const string AzureResults = """
        step,train_loss,train_mean_token_accuracy,train_error_rate,valid_loss,valid_mean_token_accuracy,valid_error_rate,full_valid_loss,full_valid_mean_token_accuracy,full_valid_error_rate,timestamp
        1,0.6931,0.5,0.5,0.6932,0.49,0.51,,,,1771872053
        2,0.6512,0.62,0.38,0.6701,0.55,0.45,0.6688,0.56,0.44,1771872113
        """;

    [Fact]
    public void OpenAI_result_file_gives_every_step_with_train_values_and_empty_validation_columns()
    {
        var steps = StepMetricsCsvReader.Parse(OpenAIResults);

        Assert.Equal(309, steps.Count);
        Assert.Equal(Enumerable.Range(1, 309), steps.Select(s => s.Step));
        Assert.Equal(3.63265, steps[0].TrainLoss);
        Assert.Equal(0.5, steps[0].TrainAccuracy);
        Assert.All(steps, s => Assert.Null(s.ValidLoss));
        Assert.Equal(["step", "train_accuracy", "train_loss"], steps[^1].Values.Keys.Order());
    }

    [Fact]
    public void Azure_result_file_maps_mean_token_accuracy_and_full_validation_columns()
    {
        var steps = StepMetricsCsvReader.Parse(AzureResults);

        Assert.Equal(0.62, steps[1].TrainAccuracy);
        Assert.Equal(0.55, steps[1].ValidAccuracy);
        Assert.Null(steps[0].FullValidLoss);
        Assert.Equal(0.6688, steps[1].FullValidLoss);
        Assert.Equal(1771872113, steps[1].Values["timestamp"]);
    }

    [Fact]
    public void Base64_encoded_result_file_as_openai_serves_it_is_decoded()
    {
        var encoded = BinaryData.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(OpenAIResults)));

        Assert.Equal(309, StepMetricsCsvReader.Parse(encoded).Count);
    }

    [Fact]
    public void A_non_numeric_value_is_rejected_with_its_line_and_column()
    {
        var error = Assert.Throws<InvalidDataException>(() => StepMetricsCsvReader.Parse("step,train_loss\n1,0.5\n2,oops\n"));

        Assert.Equal("Result file line 3: column 'train_loss' is not a number: 'oops'.", error.Message);
    }

    [Fact]
    public void A_file_without_a_step_column_is_not_a_metrics_file() =>
        Assert.Throws<InvalidDataException>(() => StepMetricsCsvReader.Parse("{\"error\": \"not a csv\"}"));

    [Fact]
    public void A_row_with_missing_fields_is_rejected() =>
        Assert.Contains("2 fields where the header has 3", Assert.Throws<InvalidDataException>(() => StepMetricsCsvReader.Parse("step,a,b\n1,2\n")).Message, StringComparison.Ordinal);
}
