using System.Globalization;
using DpoPipeline.Core.FineTuning;

namespace DpoPipeline.Core.Sweeps;

/// <summary>
/// A hyperparameter sweep: each axis names a DPO hyperparameter and its values; the variants are their cartesian
/// product (first axis outermost), each trained by its own job. Parsed from a sidecar's <c>"sweep"</c> object or from
/// CLI assignments <c>beta=0.05,0.1</c>; every problem is reported at once.
/// </summary>
public sealed record SweepSpec(IReadOnlyList<SweepAxis> Axes)
{
    /// <summary>How many variants the sweep makes: the product of the axes' value counts.</summary>
    public int VariantCount => Axes.Aggregate(1, (count, axis) => count * axis.Values.Count);

    /// <summary>From a sidecar or request body, e.g. <c>{"beta": [0.05, 0.1], "lr": [0.5, 1]}</c>.</summary>
    /// <exception cref="SweepSpecException">An unknown parameter, a parameter named twice, no values, or a value out of range.</exception>
    public static SweepSpec Parse(IEnumerable<KeyValuePair<string, IReadOnlyList<double>>> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var problems = new List<string>();
        var parsed = new List<SweepAxis>();
        foreach (var (name, values) in axes)
        {
            if (!SweepParameters.TryParse(name, out var parameter))
            {
                problems.Add($"sweep: unknown parameter '{name}'; use {SweepParameters.Known}.");
                continue;
            }

            if (parsed.Any(a => a.Parameter == parameter))
            {
                problems.Add($"sweep: {SweepParameters.ShortName(parameter)} is named more than once.");
                continue;
            }

            problems.AddRange(CheckValues(parameter, values ?? []));
            parsed.Add(new SweepAxis(parameter, [.. values ?? []]));
        }

        if (parsed.Count == 0 && problems.Count == 0)
        {
            problems.Add($"sweep: name at least one parameter ({SweepParameters.Known}) with its values.");
        }

        return problems.Count == 0 ? new SweepSpec(parsed) : throw new SweepSpecException(problems);
    }

    /// <summary>From CLI assignments, one per parameter: <c>beta=0.05,0.1,0.2</c>, <c>lr=0.5,1</c>.</summary>
    /// <exception cref="SweepSpecException">A malformed assignment, a value that is not a number, or any problem of <see cref="Parse"/>.</exception>
    public static SweepSpec ParseAssignments(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var problems = new List<string>();
        var axes = new List<KeyValuePair<string, IReadOnlyList<double>>>();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"--sweep '{assignment}': expected NAME=V1,V2,… (e.g. beta=0.05,0.1,0.2).");
                continue;
            }

            var values = new List<double>();
            foreach (var text in assignment[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries))
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    values.Add(value);
                }
                else
                {
                    problems.Add($"--sweep '{assignment}': '{text}' is not a number.");
                }
            }

            axes.Add(new(assignment[..equals], values));
        }

        if (problems.Count > 0)
        {
            throw new SweepSpecException(problems);
        }

        return Parse(axes);
    }

    /// <summary>Problems of running this sweep under a limit of <paramref name="maxVariants"/> variants.</summary>
    public IReadOnlyList<string> Check(int maxVariants)
    {
        var problems = new List<string>();
        foreach (var axis in Axes)
        {
            problems.AddRange(CheckValues(axis.Parameter, axis.Values));
        }

        if (VariantCount > maxVariants)
        {
            var product = string.Join(" × ", Axes.Select(a => $"{a.Values.Count} {SweepParameters.ShortName(a.Parameter)}"));
            problems.Add($"sweep: {VariantCount} variants ({product}) exceed the limit of {maxVariants} (Pipeline__MaxSweepVariants); drop some values or raise the setting.");
        }

        return problems;
    }

    /// <summary>The variants, numbered from 1, each <paramref name="baseline"/> with the swept values applied.</summary>
    public IReadOnlyList<SweepVariant> Expand(DpoHyperparameters baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        IEnumerable<(DpoHyperparameters Hyperparameters, List<string> Label)> points = [(baseline, [])];
        foreach (var axis in Axes)
        {
            points = points.SelectMany(p => axis.Values.Select(v => (
                SweepParameters.Apply(p.Hyperparameters, axis.Parameter, v),
                new List<string>(p.Label) { $"{SweepParameters.ShortName(axis.Parameter)}={SweepParameters.Format(v)}" })));
        }

        return [.. points.Select((p, i) => new SweepVariant(i + 1, p.Hyperparameters, string.Join(", ", p.Label)))];
    }

    private static List<string> CheckValues(SweepParameter parameter, IReadOnlyList<double> values)
    {
        var name = SweepParameters.ShortName(parameter);
        var problems = new List<string>();
        if (values.Count == 0)
        {
            problems.Add($"sweep: {name} has no values.");
        }

        if (values.Distinct().Count() != values.Count)
        {
            problems.Add($"sweep: {name} repeats a value.");
        }

        foreach (var value in values)
        {
            if (SweepParameters.IsInteger(parameter) && value != Math.Floor(value))
            {
                problems.Add($"sweep: {name} must be a whole number, was {SweepParameters.Format(value)}.");
                continue;
            }

            problems.AddRange(DpoJobRequestValidator.ValidateHyperparameters(SweepParameters.Apply(new DpoHyperparameters(), parameter, value))
                .Select(p => $"sweep: {name}: {p}"));
        }

        return problems;
    }
}
