using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Datasets.Sft;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Makes the SFT stage's files: by default each converted DPO pair becomes its prompt and preferred reply, from the
/// run's own train and validation files (so the split is the DPO split); with <c>sftData</c> the demonstration file is
/// split by prompt instead. Both are checked like any SFT file (line-numbered errors, the family's token limit), so a
/// bad file stops the run before anything is uploaded or paid.
/// </summary>
public sealed class PrepareSftDataset(IRunFiles files, ILogger<PrepareSftDataset> logger) : IWorkflowActivity<SftPrepareRequest, PreparedSftDataset>
{
    public const string TrainingName = "sft-train.jsonl";
    public const string ValidationName = "sft-validation.jsonl";
    private const int ErrorsInStatus = 5;

    public async Task<PreparedSftDataset> RunAsync(SftPrepareRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var work = Directory.CreateTempSubdirectory("dpo-sft-");
        try
        {
            var train = Path.Combine(work.FullName, TrainingName);
            var validation = Path.Combine(work.FullName, ValidationName);
            string source;
            if (request.Options.SftData is { } sftData)
            {
                var uri = SftDataLocation.Resolve(request.DatasetUri, sftData);
                source = files.NameOf(uri);
                await using var demonstrations = await files.OpenReadAsync(uri, cancellationToken);
                await using var trainOut = File.Create(train);
                await using var validationOut = File.Create(validation);
                await SftDataSplitter.SplitAsync(
                    demonstrations, trainOut, validationOut, request.Options.ValidationFraction, request.Options.Seed ?? new ConversionOptions().Seed, cancellationToken);
            }
            else
            {
                source = "derived";
                await DeriveAsync(input.TrainingFileUri, train, cancellationToken);
                if (input.ValidationFileUri is { } heldOut)
                {
                    await DeriveAsync(heldOut, validation, cancellationToken);
                }
            }

            var trainReport = await CheckAsync(train, TrainingName, request.Options.BaseModel, cancellationToken);
            var validationReport = File.Exists(validation) && new FileInfo(validation).Length > 0
                ? await CheckAsync(validation, ValidationName, request.Options.BaseModel, cancellationToken)
                : null;
            // A held-out file only needs valid lines; fewer than the minimum is fine there.
            var problems = trainReport.Issues
                .Concat(validationReport?.Issues.Where(i => i.Code != SftFileCheck.TooFewExamples) ?? [])
                .Where(i => i.Severity == IssueSeverity.Error)
                .ToList();
            logger.LogInformation(
                "Run {RunId}: SFT data ({Source}) has {Train} training and {Validation} validation examples, {Errors} error(s).",
                request.RunId, source, trainReport.Examples, validationReport?.Examples ?? 0, problems.Count);
            if (problems.Count > 0)
            {
                return new PreparedSftDataset
                {
                    Source = source,
                    ErrorCount = problems.Count,
                    Errors = [.. problems.Take(ErrorsInStatus).Select(ToRunError)],
                };
            }

            return new PreparedSftDataset
            {
                IsValid = true,
                Source = source,
                TrainingExamples = trainReport.Examples,
                ValidationExamples = validationReport?.Examples ?? 0,
                TrainingTokensPerEpoch = trainReport.Tokens,
                TrainingFileUri = await StoreAsync(request.RunId, TrainingName, train, cancellationToken),
                ValidationFileUri = validationReport is null ? null : await StoreAsync(request.RunId, ValidationName, validation, cancellationToken),
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task DeriveAsync(Uri dpoFile, string target, CancellationToken cancellationToken)
    {
        await using var source = await files.OpenReadAsync(dpoFile, cancellationToken);
        await using var output = File.Create(target);
        await SftDataDeriver.DeriveAsync(source, output, cancellationToken);
    }

    private static async Task<SftFileReport> CheckAsync(string path, string name, string model, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return await SftFileCheck.CheckAsync(content, name, model, cancellationToken);
    }

    private async Task<Uri> StoreAsync(string runId, string name, string path, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return await files.WriteAsync(runId, name, content, "application/jsonl", cancellationToken);
    }

    private static RunError ToRunError(ValidationIssue issue) =>
        new(issue.Code, issue.Message, $"{issue.File}{(issue.Line is { } line ? $" line {line}" : string.Empty)}{(issue.JsonPath is null ? string.Empty : " " + issue.JsonPath)}");
}
