namespace DpoPipeline.Core.FineTuning;

/// <summary>The Files and Fine-tuning APIs send times as Unix seconds.</summary>
internal static class UnixTime
{
    public static DateTimeOffset? ToDateTime(long? seconds) =>
        seconds is { } value and > 0 ? DateTimeOffset.FromUnixTimeSeconds(value) : null;
}
