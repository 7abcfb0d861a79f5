namespace DpoPipeline.Infra.Tests.DiscoverySamples;

// Shapes the real code uses, so the discovery can be tested before (and independently of) the product assemblies.

public sealed class SampleOptions
{
    public const string SectionName = "Sample";

    public string Endpoint { get; set; } = string.Empty;

    public int? Count { get; set; }

    public TimeSpan Timeout { get; init; }

    /// <summary>Nested tuning with code defaults: not an app setting of the contract.</summary>
    public SampleRetryOptions Retry { get; set; } = new();

    /// <summary>Not from configuration: services are assigned in code.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public IList<string> Models { get; } = [];

    public string Computed => Endpoint + "/v1/";
}

public sealed class SampleRetryOptions
{
    public int MaxAttempts { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class SampleTriggerAttribute(string schedule) : Attribute
{
    public string Schedule { get; } = schedule;

    public string? Connection { get; set; }
}

public static class SampleFunctions
{
    public static void Run([SampleTrigger("%SampleSchedule%", Connection = "%Sample:Connection%")] object trigger) =>
        ArgumentNullException.ThrowIfNull(trigger);
}
