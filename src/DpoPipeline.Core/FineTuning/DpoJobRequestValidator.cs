using System.Globalization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Checks a <see cref="DpoJobRequest"/> against the documented limits before anything is sent (and paid for).</summary>
public static class DpoJobRequestValidator
{
    private const int MaxMetadataEntries = 16;
    private const int MaxMetadataKeyLength = 64;
    private const int MaxMetadataValueLength = 512;

    public static IReadOnlyList<string> Validate(DpoJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        Require(problems, request.RunId, "RunId");
        Require(problems, request.Model, "Model");
        Require(problems, request.TrainingFileId, "TrainingFileId");
        if (request.ValidationFileId is not null && string.IsNullOrWhiteSpace(request.ValidationFileId))
        {
            problems.Add("ValidationFileId must be null or a file id.");
        }

        problems.AddRange(ValidateHyperparameters(request.Hyperparameters));
        if (request.Seed is { } seed && seed is < 0 or > int.MaxValue)
        {
            problems.Add(Invariant($"seed must be 0–{int.MaxValue}, was {seed}."));
        }

        problems.AddRange(ValidateSuffix(request.Suffix));
        ValidateMetadata(problems, request);
        return problems;
    }

    /// <summary>The documented DPO hyperparameter ranges; null values are left to the service.</summary>
    public static IReadOnlyList<string> ValidateHyperparameters(DpoHyperparameters h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var problems = new List<string>();
        if (h.Beta is { } beta && !(beta > 0 && beta <= 2))
        {
            problems.Add(Invariant($"beta must be in (0, 2], was {beta}."));
        }

        if (h.BatchSize is { } batch && batch is < 1 or > 256)
        {
            problems.Add(Invariant($"batch_size must be 1–256, was {batch}."));
        }

        if (h.LearningRateMultiplier is { } lr && !(lr > 0 && double.IsFinite(lr)))
        {
            problems.Add(Invariant($"learning_rate_multiplier must be greater than 0, was {lr}."));
        }

        if (h.Epochs is { } epochs && epochs is < 1 or > 50)
        {
            problems.Add(Invariant($"n_epochs must be 1–50, was {epochs}."));
        }

        return problems;
    }

    /// <summary>The service's rule for a model-name suffix; null means none.</summary>
    public static IReadOnlyList<string> ValidateSuffix(string? suffix)
    {
        var problems = new List<string>();
        if (suffix is { } value && (value.Length is 0 or > RunJobTag.MaxSuffixLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems.Add($"suffix must be 1–{RunJobTag.MaxSuffixLength} characters of [A-Za-z0-9_-], was '{value}'.");
        }

        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every problem at once.</summary>
    public static void EnsureValid(DpoJobRequest request)
    {
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid DPO job request: " + string.Join(" ", problems), nameof(request));
        }
    }

    private static void ValidateMetadata(List<string> problems, DpoJobRequest request)
    {
        var metadata = request.Metadata ?? new Dictionary<string, string>();
        if (metadata.Count + (metadata.ContainsKey(RunJobTag.MetadataKey) ? 0 : 1) > MaxMetadataEntries)
        {
            problems.Add($"metadata holds at most {MaxMetadataEntries} entries including {RunJobTag.MetadataKey}.");
        }

        if (metadata.TryGetValue(RunJobTag.MetadataKey, out var tagged) && tagged != request.RunId)
        {
            problems.Add($"metadata {RunJobTag.MetadataKey} must equal RunId or be left out.");
        }

        foreach (var (key, value) in metadata.Append(new(RunJobTag.MetadataKey, request.RunId ?? string.Empty)))
        {
            if (key.Length is 0 or > MaxMetadataKeyLength || (value?.Length ?? 0) > MaxMetadataValueLength)
            {
                problems.Add($"metadata keys must be 1–{MaxMetadataKeyLength} characters and values at most {MaxMetadataValueLength}: '{key}'.");
            }
        }
    }

    private static void Require(List<string> problems, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
