namespace DpoPipeline.Local.Azurite;

/// <summary>What users are told when Node.js, which Azurite runs on, is not there.</summary>
internal static class NodeTools
{
    public const string MissingMessage =
        "Node.js (node and npm on PATH) is needed for durable local runs, which keep their state in Azurite; install Node.js 20 or later, or use --in-memory.";
}
