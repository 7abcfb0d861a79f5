using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli;

/// <summary>What `dpo run` was asked to do.</summary>
/// <param name="Endpoint">A service started elsewhere (an emulator on loopback, or Azure); null starts the built-in emulator.</param>
/// <param name="TimeScale">How much faster than real time the service's clock runs.</param>
/// <param name="BudgetUsd">The local pipeline's budget ceiling: whoever runs `dpo run` is its admin.</param>
/// <param name="InMemory">Keep the engine's state in memory (quick, not resumable) instead of Azurite.</param>
/// <param name="New">Start afresh even when an unfinished run of the same dataset exists (it is cancelled first).</param>
internal sealed record LocalRunSettings(
    string DatasetPath,
    RunOverrides Overrides,
    LocalRunFolder Folder,
    Uri? Endpoint,
    double TimeScale,
    decimal BudgetUsd,
    bool InMemory,
    bool New,
    bool Json,
    bool Verbose);
