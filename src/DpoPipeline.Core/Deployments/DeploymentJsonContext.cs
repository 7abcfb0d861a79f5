using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary>Source-generated JSON for the ARM deployment DTOs (capacity may arrive as "1").</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ArmDeployment))]
[JsonSerializable(typeof(ArmDeploymentList))]
[JsonSerializable(typeof(ArmDeploymentBody))]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;
