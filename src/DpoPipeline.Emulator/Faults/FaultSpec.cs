using System.Globalization;

namespace DpoPipeline.Emulator.Faults;

/// <summary>
/// One injected fault, parsed from text such as <c>429;retry-after=2</c>, <c>500</c>, <c>503</c>, <c>slow=1500</c>,
/// <c>drop</c>, a permanent refusal (<c>400</c>, <c>401</c>, <c>403</c>, <c>404</c>, <c>409</c>), or several joined by commas (<c>slow=500,503</c>): the delay comes first, then the drop or status.
/// </summary>
public sealed record FaultSpec(int? StatusCode, int RetryAfterSeconds, TimeSpan Delay, bool Drop)
{
    public const string HeaderName = "x-ms-emulator-fault";

    private static readonly int[] SupportedStatusCodes = [400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504];

    public static FaultSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    public static bool TryParse(string? text, out FaultSpec spec, out string error)
    {
        spec = new FaultSpec(null, 1, TimeSpan.Zero, false);
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Fault is empty; expected e.g. '429;retry-after=2', '500', '503', 'slow=1500' or 'drop'.";
            return false;
        }

        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            var head = parts[0];
            if (head.Equals("drop", StringComparison.OrdinalIgnoreCase))
            {
                spec = spec with { Drop = true };
            }
            else if (head.StartsWith("slow=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(head.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                spec = spec with { Delay = TimeSpan.FromMilliseconds(ms) };
            }
            else if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                && SupportedStatusCodes.Contains(status))
            {
                spec = spec with { StatusCode = status };
                foreach (var parameter in parts.Skip(1))
                {
                    if (!parameter.StartsWith("retry-after=", StringComparison.OrdinalIgnoreCase)
                        || !int.TryParse(parameter.AsSpan(12), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    {
                        error = $"Unknown fault parameter '{parameter}' in '{item}'; only 'retry-after=<seconds>' is supported.";
                        return false;
                    }

                    spec = spec with { RetryAfterSeconds = seconds };
                }
            }
            else
            {
                error = $"Unknown fault '{item}'; expected '429;retry-after=<s>', one of {string.Join('/', SupportedStatusCodes)}, 'slow=<ms>' or 'drop'.";
                return false;
            }
        }

        return true;
    }
}
