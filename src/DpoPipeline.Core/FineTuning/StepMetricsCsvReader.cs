using System.Globalization;
using System.Text;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// Parses a fine-tuning result file (a CSV of per-step metrics). OpenAI serves it base64-encoded, Azure as plain text;
/// both are accepted. A malformed file is rejected with the line and column at fault.
/// </summary>
public static class StepMetricsCsvReader
{
    public static IReadOnlyList<StepMetrics> Parse(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Parse(Decode(content));
    }

    /// <summary>Parses the CSV text. The file holds only numbers, so plain comma splitting is exact; quotes are rejected as non-numeric.</summary>
    public static IReadOnlyList<StepMetrics> Parse(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var lines = csvText.Split('\n');
        var header = lines[0].Trim().Split(',').Select(c => c.Trim()).ToArray();
        if (!header.Contains("step"))
        {
            throw new InvalidDataException("The result file is not a metrics CSV: its header has no 'step' column.");
        }

        var rows = new List<StepMetrics>();
        for (var index = 1; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length > 0)
            {
                rows.Add(ParseRow(header, line.Split(','), index + 1));
            }
        }

        return rows;
    }

    private static StepMetrics ParseRow(string[] header, string[] fields, int lineNumber)
    {
        if (fields.Length != header.Length)
        {
            throw new InvalidDataException(
                $"Result file line {lineNumber}: {fields.Length} fields where the header has {header.Length}.");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var column = 0; column < header.Length; column++)
        {
            var raw = fields[column].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidDataException(
                    $"Result file line {lineNumber}: column '{header[column]}' is not a number: '{Shorten(raw)}'.");
            }

            values[header[column]] = number;
        }

        if (!values.TryGetValue("step", out var step))
        {
            throw new InvalidDataException($"Result file line {lineNumber}: the 'step' column is empty.");
        }

        return new StepMetrics(
            (int)step,
            Get(values, "train_loss"),
            Get(values, "train_mean_token_accuracy") ?? Get(values, "train_accuracy"),
            Get(values, "valid_loss"),
            Get(values, "valid_mean_token_accuracy") ?? Get(values, "valid_accuracy"),
            Get(values, "full_valid_loss"),
            Get(values, "full_valid_mean_token_accuracy") ?? Get(values, "full_valid_accuracy"),
            values);
    }

    private static string Decode(BinaryData content)
    {
        var text = Encoding.UTF8.GetString(content.ToMemory().Span).TrimStart('\uFEFF');
        if (text.TrimStart().StartsWith("step", StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written)
            ? Encoding.UTF8.GetString(bytes, 0, written)
            : text;
    }

    private static double? Get(Dictionary<string, double> values, string column) =>
        values.TryGetValue(column, out var value) ? value : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
