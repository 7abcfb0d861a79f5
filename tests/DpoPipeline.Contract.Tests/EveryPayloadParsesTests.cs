using System.Text.Json;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests;

/// <summary>Every recorded payload is read by the DTO it belongs to; a new fixture without a reader fails here.</summary>
public sealed class EveryPayloadParsesTests
{
    public static TheoryData<string> AllPayloads => new(Payloads.Names);

    [Fact]
    public void The_recorded_payloads_are_all_there() => Assert.True(Payloads.Names.Count() >= 60);

    [Theory]
    [MemberData(nameof(AllPayloads))]
    public void Recorded_payload_parses_into_its_dto(string name)
    {
        var body = Payloads.Read(name);
        switch (name)
        {
            case var n when n.EndsWith(".headers.json", StringComparison.Ordinal):
                using (var headers = JsonDocument.Parse(body))
                {
                    Assert.True(headers.RootElement.GetProperty("_status").GetInt32() is >= 200 and < 600);
                }

                break;
            case var n when n.EndsWith(".csv", StringComparison.Ordinal):
                Assert.NotEmpty(StepMetricsCsvReader.Parse(body));
                break;
            case var n when n.Contains("error", StringComparison.Ordinal) && !n.Contains("file-get-error", StringComparison.Ordinal):
                var error = ServiceError.Parse(body);
                Assert.False(string.IsNullOrEmpty(error.FullMessage));
                break;
            case "azure-ftjob-create-request.json" or "azure-ftjob-dpo-create-request.json":
                Assert.True(HasKeys(body, "model", "training_file", "method"));
                break;
            case "azure-arm-deployment-put-request.json":
                Assert.True(HasKeys(body, "sku", "properties"));
                break;
            case var n when n.StartsWith("azure-arm-operationresult", StringComparison.Ordinal):
                using (var operation = JsonDocument.Parse(body))
                {
                    Assert.NotNull(operation.RootElement.GetProperty("status").GetString());
                }

                break;
            case var n when n.StartsWith("azure-arm-deployment-list", StringComparison.Ordinal):
                Assert.NotEmpty(Parse(body, DeploymentJsonContext.Default.ArmDeploymentList).Value);
                break;
            case var n when n.StartsWith("azure-arm-deployment", StringComparison.Ordinal):
                var deployment = Parse(body, DeploymentJsonContext.Default.ArmDeployment);
                Assert.NotEqual(DeploymentProvisioningState.Unknown, deployment.ProvisioningState);
                break;
            case var n when n.Contains("events-page", StringComparison.Ordinal):
                Assert.All(Parse(body, FineTuningJsonContext.Default.ListPageFineTuningEvent).Data, e => Assert.StartsWith("ftevent-", e.Id));
                break;
            case var n when n.Contains("checkpoints-page", StringComparison.Ordinal):
                Assert.All(Parse(body, FineTuningJsonContext.Default.ListPageFineTuningCheckpoint).Data, c => Assert.NotNull(c.Metrics?.TrainLoss));
                break;
            case var n when n.Contains("ftjob-list-page", StringComparison.Ordinal):
                Assert.All(Parse(body, FineTuningJsonContext.Default.ListPageFineTuningJob).Data, j => Assert.NotEqual(FineTuningJobStatus.Unknown, j.Status));
                break;
            case var n when n.Contains("-ftjob-", StringComparison.Ordinal):
                Assert.NotEqual(FineTuningJobStatus.Unknown, Parse(body, FineTuningJsonContext.Default.FineTuningJob).Status);
                break;
            case var n when n.Contains("file-delete", StringComparison.Ordinal) || n == "openai-file-deleted.json":
                Assert.StartsWith("file-", Parse(body, FineTuningJsonContext.Default.FileDeletionResult).Id);
                break;
            case var n when n.Contains("-file-", StringComparison.Ordinal):
                Assert.NotEqual(FineTuningFileStatus.Unknown, Parse(body, FineTuningJsonContext.Default.FineTuningFile).Status);
                break;
            default:
                Assert.Fail($"No reader is assigned to recorded payload {name}; add one to this test.");
                break;
        }
    }

    private static T Parse<T>(BinaryData body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(body.ToMemory().Span, type) ?? throw new InvalidDataException("null payload");

    private static bool HasKeys(BinaryData body, params string[] keys)
    {
        using var document = JsonDocument.Parse(body);
        return keys.All(k => document.RootElement.TryGetProperty(k, out _));
    }
}
