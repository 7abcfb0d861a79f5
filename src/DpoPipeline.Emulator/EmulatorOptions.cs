using DpoPipeline.Emulator.Faults;
using DpoPipeline.Emulator.Validation;

namespace DpoPipeline.Emulator;

/// <summary>How the emulator behaves: its clock, how fast time passes, quotas, faults, persistence and the emulated models.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Clock every lifecycle is derived from; tests pass a FakeTimeProvider and advance it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Divides every duration: 60 makes the 13-minute deployment take 13 seconds.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    public EmulatorDurations Durations { get; set; } = new();

    public EmulatorQuotas Quotas { get; set; } = new();

    /// <summary>Ground truth of the emulated models' answers and of the emulated judge.</summary>
    public EmulatorModels Models { get; set; } = new();

    /// <summary>Faults applied by configuration, in addition to the per-request header.</summary>
    public IList<FaultRule> Faults { get; } = new List<FaultRule>();

    /// <summary>Folder for state.json and uploaded file contents; null keeps everything in memory.</summary>
    public string? PersistenceFolder { get; set; }

    /// <summary>Decides whether an uploaded fine-tune file ends `processed` or `error`.</summary>
    public IUploadedFileValidator FileValidator { get; set; } = new ServiceFileValidator();

    /// <summary>Base models that accept fine-tuning jobs (short names resolve to these versions).</summary>
    public IList<string> FineTunableModels { get; } = new List<string>
    {
        "gpt-4o-2024-08-06",
        "gpt-4o-mini-2024-07-18",
        "gpt-4.1-2025-04-14",
        "gpt-4.1-mini-2025-04-14",
        "gpt-4.1-nano-2025-04-14",
    };

    /// <summary>
    /// Catalogue models the models endpoint lists that can only answer, not be fine-tuned: a job on one is refused with
    /// the service's "does not support fine-tuning" error.
    /// </summary>
    public IList<string> InferenceOnlyModels { get; } = new List<string>
    {
        "gpt-4o-2024-11-20",
        "o3-mini-2025-01-31",
    };

    /// <summary>Fraction of the training run after which a job marked to fail midway fails.</summary>
    public double FailMidwayFraction { get; set; } = 0.5;

    internal TimeSpan Scaled(TimeSpan duration) =>
        TimeScale > 0 ? TimeSpan.FromTicks((long)(duration.Ticks / TimeScale)) : duration;

    internal void Validate()
    {
        if (!(TimeScale > 0) || double.IsInfinity(TimeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeScale), TimeScale, "TimeScale must be a positive finite number.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 and 65535.");
        }

        if (FailMidwayFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailMidwayFraction), FailMidwayFraction, "FailMidwayFraction must be between 0 and 1 (exclusive).");
        }

        Quotas.Validate();
        Models.Validate();
        foreach (var rule in Faults)
        {
            rule.Validate();
        }
    }
}
