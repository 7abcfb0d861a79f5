using System.Text.Json;
using DpoPipeline.Core.Deployments;
using Xunit;

namespace DpoPipeline.Contract.Tests;

public sealed class DeploymentPayloadTests
{
    [Fact]
    public void Fine_tuned_deployment_put_answers_creating_and_get_later_succeeded()
    {
        var created = Deployment("azure-arm-deployment-put-201-creating.json");
        var succeeded = Deployment("azure-arm-deployment-get-succeeded.json");

        Assert.Equal(DeploymentProvisioningState.Creating, created.ProvisioningState);
        Assert.Equal(DeploymentCheckState.Provisioning, DeploymentCheck.From(created, null).State);
        Assert.Equal("gpt-4o-mini-2024-07-18.ft-d46b386e12f44af59b8a76845f2c0349", created.ModelName);
        Assert.Equal(1, created.Sku!.Capacity);
        Assert.Equal(DeploymentCheckState.Succeeded, DeploymentCheck.From(succeeded, null).State);
    }

    [Fact]
    public void Deployment_list_2023_05_01_with_lowercase_ratelimits_parses()
    {
        var list = JsonSerializer.Deserialize(
            Payloads.Read("azure-arm-deployment-list-2023-05-01.json").ToMemory().Span, DeploymentJsonContext.Default.ArmDeploymentList)!;

        var deployment = Assert.Single(list.Value);
        Assert.Equal("Deployment-3161", deployment.Name);
        Assert.Equal("Standard", deployment.Sku!.Name);
        Assert.Null(list.NextLink);
        Assert.Null(deployment.RunId);
    }

    [Fact]
    public void Our_put_body_has_the_recorded_request_shape()
    {
        var request = new DeploymentRequest
        {
            RunId = "run-42",
            ModelName = "gpt-4o-mini-2024-07-18.ft-d46b386e12f44af59b8a76845f2c0349",
            Owner = "dpopipeline",
            Sku = DeploymentSku.Standard,
            ExpiresAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        };
        using var ours = JsonDocument.Parse(JsonSerializer.Serialize(ArmDeploymentBody.From(request), DeploymentJsonContext.Default.ArmDeploymentBody));
        using var recorded = JsonDocument.Parse(Payloads.Text("azure-arm-deployment-put-request.json"));

        Assert.Equal(Keys(recorded.RootElement.GetProperty("properties").GetProperty("model")), Keys(ours.RootElement.GetProperty("properties").GetProperty("model")));
        Assert.Equal("standard", ours.RootElement.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal(1, ours.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32());
        var tags = ours.RootElement.GetProperty("tags");
        Assert.Equal("dpopipeline", tags.GetProperty("owner").GetString());
        Assert.Equal("run-42", tags.GetProperty("dpo_run_id").GetString());
        Assert.Equal("2026-12-01T08:00:00Z", tags.GetProperty("expires_at").GetString());
    }

    private static ArmDeployment Deployment(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, DeploymentJsonContext.Default.ArmDeployment)!;

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order().ToArray();
}
