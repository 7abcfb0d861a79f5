using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Core.Datasets.Sft;

/// <summary>
/// Splits a separate demonstration file into train and validation lines, deterministically: a line goes to validation
/// when a hash of its prompt (every message but the last) with the seed falls under the fraction (topped up to
/// <see cref="MinimumValidationExamples"/> by the lowest hashes), so the same prompt lands on the same side whatever
/// the file's order.
/// </summary>
public static class SftDataSplitter
{
    /// <summary>With 20 or more examples at least this many are held out (the service wants as many in a validation file); fewer hold out none.</summary>
    public const int MinimumValidationExamples = 10;

    /// <returns>Lines written to train and to validation.</returns>
    public static async Task<(int Train, int Validation)> SplitAsync(
        Stream input, Stream train, Stream validation, double fraction, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new List<(string Line, double Bucket)>();
        using (var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add((line, Bucket(PromptKey(line), seed)));
                }
            }
        }

        // The lowest buckets are held out: those under the fraction, topped up to the minimum when the file is big enough.
        var wanted = fraction <= 0 || lines.Count < 2 * MinimumValidationExamples
            ? 0
            : Math.Max(lines.Count(l => l.Bucket < fraction), MinimumValidationExamples);
        var heldOut = lines.Select((l, i) => (l.Bucket, Index: i)).OrderBy(l => l.Bucket).ThenBy(l => l.Index).Take(wanted).Select(l => l.Index).ToHashSet();
        await using var trainWriter = new StreamWriter(train, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        await using var validationWriter = new StreamWriter(validation, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        for (var i = 0; i < lines.Count; i++)
        {
            await (heldOut.Contains(i) ? validationWriter : trainWriter).WriteLineAsync(lines[i].Line.AsMemory(), cancellationToken);
        }

        return (lines.Count - heldOut.Count, heldOut.Count);
    }

    private static string PromptKey(string line)
    {
        var (messages, _) = SftFileCheck.Read(line);
        return messages is null ? line : string.Join('\u241E', messages.Take(messages.Count - 1).Select(m => m.Role + ":" + m.Content));
    }

    private static double Bucket(string key, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u241F" + key));
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
    }
}
