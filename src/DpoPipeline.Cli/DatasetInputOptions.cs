using System.CommandLine;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Samples;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Cli;

/// <summary>The input arguments shared by validate, convert and stats: the file (or --sample) and how to read it.</summary>
internal sealed class DatasetInputOptions
{
    public Argument<string?> File { get; } = new("file") { Description = "Dataset file: JSONL, JSON, CSV, Parquet, optionally .gz.", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> Sample { get; } = new("--sample") { Description = $"Use the built-in sample dataset ({SampleDatasets.Default.Examples} Azure-format examples, {SampleDatasets.Default.Licence})." };

    public Option<string> BaseModel { get; } = new("--base-model", "-m")
    {
        Description = "Base model whose tokenizer and per-example token limit apply.",
        DefaultValueFactory = _ => ModelTokenProfiles.DefaultModel,
    };

    public Option<string?> Format { get; } = new("--format") { Description = "Force the container format instead of detecting it." };

    public Option<string?> Shape { get; } = new("--shape") { Description = "Force the example layout instead of detecting it." };

    public Option<string[]> Map { get; } = new("--map")
    {
        Description = "Map a source field to prompt|chosen|rejected|system|history, e.g. --map good_response=chosen (nested paths allowed).",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <param name="allowRunIds">
    /// `dpo run` also takes a fine-tuned model id or an earlier run's id as --base-model (continuous fine-tuning); the
    /// run checks it with the service. The other commands need a model whose tokenizer they know.
    /// </param>
    public DatasetInputOptions(bool allowRunIds = false)
    {
        Format.AcceptOnlyFromAmong([.. EnumNames.Of<DatasetFormat>().Keys]);
        Shape.AcceptOnlyFromAmong([.. EnumNames.Of<DatasetShape>().Keys]);
        BaseModel.Validators.Add(result =>
        {
            var model = result.GetValueOrDefault<string>();
            if (model is not null && !ModelTokenProfiles.TryGet(model, out _) && !(allowRunIds && model.StartsWith("dpo-", StringComparison.Ordinal)))
            {
                result.AddError($"Unknown base model '{model}'. Known: {string.Join(", ", ModelTokenProfiles.All.Select(p => p.Model))}.");
            }
        });
        Map.Validators.Add(result =>
        {
            var pairs = result.GetValueOrDefault<string[]>();
            if (pairs is { Length: > 0 })
            {
                try
                {
                    ColumnMapping.Parse(pairs);
                }
                catch (FormatException ex)
                {
                    result.AddError(ex.Message);
                }
            }
        });
    }

    /// <summary>Adds the arguments; exactly one of the file, --sample or <paramref name="alternative"/> must be given.</summary>
    public void AddTo(Command command, Option? alternative = null)
    {
        command.Arguments.Add(File);
        command.Options.Add(Sample);
        command.Options.Add(BaseModel);
        command.Options.Add(Format);
        command.Options.Add(Shape);
        command.Options.Add(Map);
        command.Validators.Add(result =>
        {
            var given = (result.GetValue(File) is null ? 0 : 1)
                + (result.GetValue(Sample) ? 1 : 0)
                + (alternative is not null && result.GetResult(alternative) is { Implicit: false } ? 1 : 0);
            if (given != 1)
            {
                result.AddError(alternative is null
                    ? "Give a dataset file or --sample (one of them)."
                    : $"Give a dataset file, --sample or {alternative.Name} (one of them).");
            }
        });
    }

    /// <summary>
    /// The dataset path (the given file, or the sample written to <paramref name="sampleFolder"/>, the temp folder by
    /// default), or null after reporting a missing file.
    /// </summary>
    public async Task<string?> ResolvePathAsync(ParseResult parseResult, CliOutput output, CancellationToken cancellationToken, string? sampleFolder = null)
    {
        var path = parseResult.GetValue(File)
            ?? await SampleDatasets.Default.ExtractAsync(sampleFolder ?? Path.Combine(Path.GetTempPath(), "dpo-samples"), cancellationToken);
        if (System.IO.File.Exists(path))
        {
            return path;
        }

        output.WriteError($"File not found: {path}");
        return null;
    }

    public ValidationOptions ToValidationOptions(ParseResult parseResult)
    {
        var format = parseResult.GetValue(Format);
        var shape = parseResult.GetValue(Shape);
        var map = parseResult.GetValue(Map);
        return new ValidationOptions
        {
            BaseModel = parseResult.GetValue(BaseModel)!,
            Format = format is null ? null : EnumNames.Of<DatasetFormat>()[format],
            Shape = shape is null ? null : EnumNames.Of<DatasetShape>()[shape],
            Mapping = map is { Length: > 0 } ? ColumnMapping.Parse(map) : null,
        };
    }
}
