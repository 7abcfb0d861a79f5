namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>The <c>error</c> object of a failed job.</summary>
internal sealed record JobFailure(string Code, string Message);
