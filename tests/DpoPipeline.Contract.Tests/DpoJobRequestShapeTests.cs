using System.Text.Json;
using System.Text.Json.Nodes;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Contract.Tests;

public sealed class DpoJobRequestShapeTests
{
    [Fact]
    public void Our_create_body_has_the_recorded_dpo_request_shape_plus_the_run_tags()
    {
        var request = new DpoJobRequest
        {
            RunId = "run-42",
            Model = "gpt-4o-mini",
            TrainingFileId = "file-af10e86f54ff4ef5ac4c3acbcc6380e7",
            ValidationFileId = "file-ab732e7f75114247962086bc6539cf46",
            TrainingType = "GlobalStandard",
            Hyperparameters = new DpoHyperparameters { Epochs = 1, BatchSize = 4, LearningRateMultiplier = 0.0001 },
        };
        using var ours = JsonDocument.Parse(JsonSerializer.Serialize(DpoJobCreateBody.From(request), FineTuningJsonContext.Default.DpoJobCreateBody));
        using var recorded = JsonDocument.Parse(Payloads.Text("azure-ftjob-dpo-create-request.json"));

        foreach (var property in recorded.RootElement.EnumerateObject())
        {
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(property.Value.GetRawText()), JsonNode.Parse(ours.RootElement.GetProperty(property.Name).GetRawText())),
                $"'{property.Name}' differs from the recorded request");
        }

        Assert.Equal("run-42", ours.RootElement.GetProperty("metadata").GetProperty(RunJobTag.MetadataKey).GetString());
        Assert.Equal("run-42", ours.RootElement.GetProperty("suffix").GetString());
        Assert.False(ours.RootElement.TryGetProperty("seed", out _));
        Assert.False(ours.RootElement.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters").TryGetProperty("beta", out _));
    }
}
