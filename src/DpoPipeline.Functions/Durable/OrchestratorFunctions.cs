using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DpoPipeline.Functions.Durable;

/// <summary>Binds the orchestrations to Durable Functions; the workflow itself lives in DpoPipeline.Workflow.</summary>
public static class OrchestratorFunctions
{
    [Function(nameof(RunPipeline))]
    public static Task<RunResult> RunPipelineOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunPipeline.RunAsync(context, context.GetInput<RunRequest>()!);
    }

    [Function(nameof(MonitorFineTuningJob))]
    public static Task<JobOutcome?> MonitorFineTuningJobOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MonitorFineTuningJob.RunAsync(context, context.GetInput<MonitorState>()!);
    }
}
