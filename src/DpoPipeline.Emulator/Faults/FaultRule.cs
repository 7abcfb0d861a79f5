namespace DpoPipeline.Emulator.Faults;

/// <summary>A configured fault: requests matching <see cref="Method"/> and <see cref="PathContains"/> get <see cref="Fault"/>.</summary>
public sealed class FaultRule
{
    /// <summary>Fault text in the header syntax, e.g. <c>429;retry-after=2</c>.</summary>
    public string Fault { get; set; } = string.Empty;

    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Case-insensitive substring of the path, e.g. <c>/fine_tuning/jobs</c> or <c>/deployments/</c>; null matches any.</summary>
    public string? PathContains { get; set; }

    /// <summary>Case-insensitive end of the path, e.g. <c>/fine_tuning/jobs</c> for job creation but not <c>…/cancel</c>; null matches any.</summary>
    public string? PathEndsWith { get; set; }

    /// <summary>Only the first N matching requests get the fault; null means every one.</summary>
    public int? Count { get; set; }

    internal FaultSpec Spec => FaultSpec.Parse(Fault);

    internal bool Matches(HttpRequest request) =>
        (Method is null || string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || request.Path.Value?.Contains(PathContains, StringComparison.OrdinalIgnoreCase) == true)
        && (PathEndsWith is null || request.Path.Value?.EndsWith(PathEndsWith, StringComparison.OrdinalIgnoreCase) == true);

    internal void Validate()
    {
        if (!FaultSpec.TryParse(Fault, out _, out var error))
        {
            throw new ArgumentException($"Fault rule '{Method} {PathContains}': {error}", nameof(Fault));
        }

        if (Count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must not be negative.");
        }
    }
}
