using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DpoPipeline.Functions.Durable;

/// <summary>Binds the orchestrators of <see cref="WorkflowTasks"/> to Durable Functions; the workflow lives in DpoPipeline.Workflow.</summary>
public static class OrchestratorFunctions
{
    [Function(nameof(WorkflowTasks.RunPipeline))]
    public static Task<RunResult> RunPipelineOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowTasks.RunPipeline.RunAsync(context);

    [Function(nameof(WorkflowTasks.MonitorFineTuningJob))]
    public static Task<JobOutcome?> MonitorFineTuningJobOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowTasks.MonitorFineTuningJob.RunAsync(context);

    [Function(nameof(WorkflowTasks.RunSweepVariant))]
    public static Task<SweepVariantOutcome> RunSweepVariantOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowTasks.RunSweepVariant.RunAsync(context);
    [Function(nameof(WorkflowTasks.QuotaCoordinator))]
    public static Task<QuotaCoordinatorState> QuotaCoordinatorOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowTasks.QuotaCoordinator.RunAsync(context);
}
