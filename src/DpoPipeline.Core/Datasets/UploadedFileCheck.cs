using System.Globalization;

namespace DpoPipeline.Core.Datasets;

/// <summary>
/// The service's view of one uploaded DPO training file, for the emulator: the first problem that would make file
/// processing fail, worded like the service's status_details, or null when the file would be processed.
/// </summary>
public static class UploadedFileCheck
{
    public const string FailurePrefix = "Validation of jsonl file failed: ";

    public static async Task<string?> FirstError(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        // The engine streams from files (it needs to re-open for CSV and to seek for Parquet); uploads are spooled once.
        var spool = Path.Combine(Path.GetTempPath(), $"dpo-upload-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = File.Create(spool))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            if (await IsSftFileAsync(spool, cancellationToken))
            {
                await using var sft = File.OpenRead(spool);
                var sftReport = await Sft.SftFileCheck.CheckAsync(sft, Path.GetFileName(spool), Tokens.ModelTokenProfiles.DefaultModel, cancellationToken);
                var firstSft = sftReport.Issues.OrderBy(i => i.Line is null).ThenBy(i => i.Line).FirstOrDefault();
                return firstSft is null ? null : FailurePrefix + Describe(firstSft);
            }

            var report = await DatasetValidator.ValidateAsync(
                spool,
                new ValidationOptions { Format = DatasetFormat.JsonLines, Shape = DatasetShape.AzureDpo, MaxIssuesPerCode = 1 },
                progress: null,
                cancellationToken);
            // Like the service: the first bad line is reported before file-level problems such as too few examples.
            var first = report.Issues
                .Where(i => i.Severity == IssueSeverity.Error)
                .OrderBy(i => i.Line is null)
                .ThenBy(i => i.Line)
                .FirstOrDefault();
            return first is null ? null : FailurePrefix + Describe(first);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>A chat (SFT) file: its first line holds <c>messages</c> and no DPO <c>input</c>.</summary>
    private static async Task<bool> IsSftFileAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(line);
                return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty("messages", out _)
                    && !document.RootElement.TryGetProperty("input", out _);
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The service numbers lines from 0 ("Deserialization of line #0 failed.").</summary>
    private static string Describe(ValidationIssue issue)
    {
        if (issue.Line is not { } line)
        {
            return issue.Message;
        }

        var serviceLine = (line - 1).ToString(CultureInfo.InvariantCulture);
        return issue.Code == IssueCodes.InvalidJson
            ? $"Deserialization of line #{serviceLine} failed."
            : $"Line #{serviceLine}: {issue.Message} ({issue.Code})";
    }
}
