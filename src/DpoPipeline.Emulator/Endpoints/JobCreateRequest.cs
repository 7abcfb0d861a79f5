using System.Text.Json;
using System.Text.RegularExpressions;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>The body of <c>POST /fine_tuning/jobs</c>, checked against the documented ranges.</summary>
internal sealed partial record JobCreateRequest(
    string Model,
    string TrainingFile,
    string? ValidationFile,
    string? Suffix,
    int? Seed,
    IReadOnlyDictionary<string, string>? Metadata,
    string Method,
    JobHyperparameters Hyperparameters,
    string TrainingType)
{
    private const int MaxSuffixLength = 40;
    private const int MaxMetadataKeys = 16;

    /// <summary>Parses and range-checks a request; on failure returns the message and the offending parameter.</summary>
    public static (JobCreateRequest? Request, string? Error, string? Param) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail("The request body must be a JSON object.", null);
        }

        if (!TryString(body, "model", out var model) || string.IsNullOrWhiteSpace(model))
        {
            return Fail("The 'model' parameter is required.", "model");
        }

        if (!TryString(body, "training_file", out var trainingFile) || string.IsNullOrWhiteSpace(trainingFile))
        {
            return Fail("The 'training_file' parameter is required.", "training_file");
        }

        if (!TryString(body, "validation_file", out var validationFile))
        {
            return Fail("'validation_file' must be a file id string.", "validation_file");
        }

        if (!TryString(body, "suffix", out var suffix) || (suffix is not null && !SuffixPattern().IsMatch(suffix)))
        {
            return Fail($"'suffix' must be at most {MaxSuffixLength} characters of letters, digits, '-' and '_'.", "suffix");
        }

        int? seed = null;
        if (body.TryGetProperty("seed", out var seedElement) && seedElement.ValueKind != JsonValueKind.Null)
        {
            if (!seedElement.TryGetInt32(out var value))
            {
                return Fail("'seed' must be an integer.", "seed");
            }

            seed = value;
        }

        var (metadata, metadataError) = ParseMetadata(body);
        if (metadataError is not null)
        {
            return Fail(metadataError, "metadata");
        }

        var (method, hyperparameters, methodError, methodParam) = ParseMethod(body);
        if (methodError is not null)
        {
            return Fail(methodError, methodParam);
        }

        var (trainingType, trainingTypeError) = ParseTrainingType(body);
        if (trainingTypeError is not null)
        {
            return Fail(trainingTypeError, "trainingType");
        }

        return (new JobCreateRequest(model!, trainingFile!, validationFile, suffix, seed, metadata, method!, hyperparameters!, trainingType!), null, null);
    }

    private static (JobCreateRequest?, string?, string?) Fail(string message, string? param) => (null, message, param);

    private static bool TryString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static (IReadOnlyDictionary<string, string>?, string?) ParseMetadata(JsonElement body)
    {
        if (!body.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "'metadata' must be an object of string values.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || property.Name.Length > 64 || property.Value.GetString()!.Length > 512)
            {
                return (null, $"'metadata.{property.Name}' must be a string of at most 512 characters under a key of at most 64.");
            }

            metadata[property.Name] = property.Value.GetString()!;
        }

        return metadata.Count > MaxMetadataKeys ? (null, $"'metadata' may hold at most {MaxMetadataKeys} keys.") : (metadata, null);
    }

    private static (string?, JobHyperparameters?, string?, string?) ParseMethod(JsonElement body)
    {
        var method = StoredJob.SupervisedMethod;
        JsonElement? hyperparameters = body.TryGetProperty("hyperparameters", out var topLevel) ? topLevel : null;
        if (body.TryGetProperty("method", out var methodElement) && methodElement.ValueKind == JsonValueKind.Object)
        {
            method = methodElement.TryGetProperty("type", out var type) ? type.GetString() ?? string.Empty : string.Empty;
            if (method is not (StoredJob.DpoMethod or StoredJob.SupervisedMethod))
            {
                return (null, null, $"Method type '{method}' is not supported; use 'dpo' or 'supervised'.", "method.type");
            }

            if (methodElement.TryGetProperty(method, out var settings) && settings.ValueKind == JsonValueKind.Object
                && settings.TryGetProperty("hyperparameters", out var nested))
            {
                hyperparameters = nested;
            }
        }

        var prefix = $"method.{method}.hyperparameters.";
        var h = hyperparameters is { ValueKind: JsonValueKind.Object } element ? element : default;
        var (beta, betaOk) = Number(h, "beta", v => v is > 0 and <= 2);
        if (!betaOk || (beta is not null && method != StoredJob.DpoMethod))
        {
            return (null, null, "'beta' must be greater than 0 and at most 2, or 'auto', and applies to DPO only.", prefix + "beta");
        }

        var (batch, batchOk) = Number(h, "batch_size", v => v is >= 1 and <= 256 && v == Math.Floor(v));
        if (!batchOk)
        {
            return (null, null, "'batch_size' must be an integer from 1 to 256, or 'auto'.", prefix + "batch_size");
        }

        var (learningRate, learningRateOk) = Number(h, "learning_rate_multiplier", v => v > 0);
        if (!learningRateOk)
        {
            return (null, null, "'learning_rate_multiplier' must be greater than 0, or 'auto'.", prefix + "learning_rate_multiplier");
        }

        var (epochs, epochsOk) = Number(h, "n_epochs", v => v is >= 1 and <= 50 && v == Math.Floor(v));
        if (!epochsOk)
        {
            return (null, null, "'n_epochs' must be an integer from 1 to 50, or 'auto'.", prefix + "n_epochs");
        }

        return (method, new JobHyperparameters(beta, (int?)batch, learningRate, (int?)epochs), null, null);
    }

    /// <summary>A hyperparameter: absent, null or "auto" mean auto (null); otherwise a number inside its range.</summary>
    private static (double? Value, bool Ok) Number(JsonElement hyperparameters, string name, Func<double, bool> inRange)
    {
        if (hyperparameters.ValueKind != JsonValueKind.Object || !hyperparameters.TryGetProperty(name, out var element)
            || element.ValueKind == JsonValueKind.Null
            || (element.ValueKind == JsonValueKind.String && element.GetString() == "auto"))
        {
            return (null, true);
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && inRange(value) ? (value, true) : (null, false);
    }

    /// <summary>Azure echoes the training type in lower camel case whatever was sent (recorded); 1/2/3 are its enum values.</summary>
    private static (string?, string?) ParseTrainingType(JsonElement body)
    {
        if (!body.TryGetProperty("trainingType", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ("standard", null);
        }

        var text = element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.GetString() ?? string.Empty;
        return text.ToUpperInvariant() switch
        {
            "STANDARD" or "1" => ("standard", null),
            "GLOBALSTANDARD" or "GLOBAL" or "2" => ("globalStandard", null),
            "DEVELOPER" or "DEVELOPERTIER" or "3" => ("developer", null),
            _ => (null, $"'trainingType' '{text}' is not one of Standard, GlobalStandard, Developer."),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex SuffixPattern();
}
