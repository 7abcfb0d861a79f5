using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// Decides, before anything is written, which examples go to validation and which are dropped as duplicates. The split
/// keys on the prompt (all examples of a prompt land on one side) and orders prompts by a seeded hash, so it is
/// deterministic, independent of file order and of the machine.
/// </summary>
internal sealed class SplitPlan
{
    private readonly HashSet<UInt128> _validationPrompts;
    private readonly HashSet<long> _dropped;

    private SplitPlan(HashSet<UInt128> validationPrompts, HashSet<long> dropped, long validationExamples)
    {
        _validationPrompts = validationPrompts;
        _dropped = dropped;
        ValidationExamples = validationExamples;
    }

    public long ValidationExamples { get; }

    public long Dropped => _dropped.Count;

    public bool HasValidation => _validationPrompts.Count > 0;

    public static SplitPlan Create(IReadOnlyList<ExampleKey> examples, double validationFraction, int seed, bool deduplicate, int minimumExamples)
    {
        var dropped = new HashSet<long>();
        var seen = new HashSet<UInt128>();
        var examplesPerPrompt = new Dictionary<UInt128, long>();
        foreach (var example in examples)
        {
            if (deduplicate && !seen.Add(example.Exact))
            {
                dropped.Add(example.Index);
                continue;
            }

            examplesPerPrompt[example.Prompt] = examplesPerPrompt.GetValueOrDefault(example.Prompt) + 1;
        }

        var kept = examples.Count - dropped.Count;
        // Held-out prompts are what evaluation runs on: whenever a split is asked for and both sides can keep the
        // service's minimum, validation gets at least that minimum, even above the fraction on a small dataset.
        var target = (long)Math.Round(validationFraction * kept, MidpointRounding.AwayFromZero);
        if (validationFraction > 0 && kept >= 2L * minimumExamples)
        {
            target = Math.Max(target, minimumExamples);
        }

        var validation = new HashSet<UInt128>();
        long validationExamples = 0;
        if (target >= minimumExamples)
        {
            foreach (var (prompt, count) in examplesPerPrompt.OrderBy(p => OrderKey(p.Key, seed)).ThenBy(p => p.Key))
            {
                if (validationExamples >= target)
                {
                    break;
                }

                validation.Add(prompt);
                validationExamples += count;
            }

            if (kept - validationExamples < minimumExamples)
            {
                validation.Clear();
                validationExamples = 0;
            }
        }

        return new SplitPlan(validation, dropped, validationExamples);
    }

    public bool IsDropped(long index) => _dropped.Contains(index);

    public bool IsValidation(UInt128 prompt) => _validationPrompts.Contains(prompt);

    private static ulong OrderKey(UInt128 prompt, int seed)
    {
        Span<UInt128> value = [prompt];
        return XxHash64.HashToUInt64(MemoryMarshal.AsBytes(value), seed);
    }
}
