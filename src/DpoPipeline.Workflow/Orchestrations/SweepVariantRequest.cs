using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>What one sweep variant needs: the sweep's run, its hyperparameters, the shared files and the shared base deployment.</summary>
/// <param name="HeldOutUri">The run's validation split; null when there are no held-out pairs (no measurement deployment then).</param>
/// <param name="TrainFrom">The model each variant's job trains from: the base model, or the run's SFT model.</param>
/// <param name="BaseDeployment">The base model's deployment every variant is compared with; null skips the measurement.</param>
public sealed record SweepVariantRequest(
    RunRequest Run, SweepVariant Variant, UploadedFiles Files, Uri? HeldOutUri, string? BaseDeployment, string MeasurementSku, string TrainFrom);
