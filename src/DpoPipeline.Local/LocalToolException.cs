namespace DpoPipeline.Local;

/// <summary>A tool the local engine needs (Node.js, npm, Azurite) is missing or failed; the message says what to do.</summary>
public sealed class LocalToolException(string message) : Exception(message);
