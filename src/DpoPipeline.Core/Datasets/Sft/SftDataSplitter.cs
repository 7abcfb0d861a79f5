using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Core.Datasets.Sft;

/// <summary>
/// Splits a separate demonstration file into train and validation lines, deterministically: a line goes to validation
/// when a hash of its prompt (every message but the last) with the seed falls under the fraction, so the same prompt
/// always lands on the same side, whatever the file's order.
/// </summary>
public static class SftDataSplitter
{
    /// <returns>Lines written to train and to validation.</returns>
    public static async Task<(int Train, int Validation)> SplitAsync(
        Stream input, Stream train, Stream validation, double fraction, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        await using var trainWriter = new StreamWriter(train, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        await using var validationWriter = new StreamWriter(validation, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var (trainCount, validationCount) = (0, 0);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (fraction > 0 && Bucket(PromptKey(line), seed) < fraction)
            {
                await validationWriter.WriteLineAsync(line.AsMemory(), cancellationToken);
                validationCount++;
            }
            else
            {
                await trainWriter.WriteLineAsync(line.AsMemory(), cancellationToken);
                trainCount++;
            }
        }

        return (trainCount, validationCount);
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
