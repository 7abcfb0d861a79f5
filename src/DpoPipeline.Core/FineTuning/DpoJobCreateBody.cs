using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>The raw JSON body of POST /fine_tuning/jobs for a DPO job (the typed SDK model cannot express Azure's fields).</summary>
internal sealed record DpoJobCreateBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("training_file")]
    public required string TrainingFile { get; init; }

    [JsonPropertyName("validation_file")]
    public string? ValidationFile { get; init; }

    [JsonPropertyName("suffix")]
    public string? Suffix { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    [JsonPropertyName("metadata")]
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [JsonPropertyName("method")]
    public required DpoMethodBody Method { get; init; }

    [JsonPropertyName("trainingType")]
    public string? TrainingType { get; init; }

    public static DpoJobCreateBody From(DpoJobRequest request)
    {
        var metadata = new Dictionary<string, string>(request.Metadata ?? new Dictionary<string, string>())
        {
            [RunJobTag.MetadataKey] = request.RunId,
        };
        return new DpoJobCreateBody
        {
            Model = request.Model,
            TrainingFile = request.TrainingFileId,
            ValidationFile = request.ValidationFileId,
            Suffix = request.Suffix ?? RunJobTag.SuffixFor(request.RunId),
            Seed = request.Seed,
            Metadata = metadata,
            Method = new DpoMethodBody { Dpo = new DpoMethodSettingsBody { Hyperparameters = request.Hyperparameters } },
            TrainingType = request.TrainingType,
        };
    }
}

internal sealed record DpoMethodBody
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "dpo";

    [JsonPropertyName("dpo")]
    public required DpoMethodSettingsBody Dpo { get; init; }
}

internal sealed record DpoMethodSettingsBody
{
    [JsonPropertyName("hyperparameters")]
    public required DpoHyperparameters Hyperparameters { get; init; }
}
