using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Local;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>
/// The workflow's orchestrators and activities by name, for the in-process host (<c>dpo run</c> and tests).
/// The Functions app binds the same names with attributes.
/// </summary>
public static class WorkflowTasks
{
    public static IReadOnlyList<Type> ActivityTypes { get; } =
    [
        typeof(PrepareDataset), typeof(EstimateCost), typeof(UploadTrainingFiles), typeof(CheckFilesProcessed),
        typeof(CreateFineTuningJob), typeof(GetJobSnapshot), typeof(ControlFineTuningJob), typeof(DeleteTrainingFiles),
        typeof(DeployModel), typeof(CheckDeployment), typeof(EvaluateModel), typeof(WriteRunReport), typeof(DeleteDeployment),
    ];

    public static LocalTaskRegistry CreateRegistry(IServiceProvider services) =>
        new LocalTaskRegistry()
            .AddOrchestrator<RunRequest, RunResult>(nameof(RunPipeline), RunPipeline.RunAsync)
            .AddOrchestrator<MonitorState, JobOutcome?>(nameof(MonitorFineTuningJob), MonitorFineTuningJob.RunAsync)
            .AddActivity<RunRequest, PreparedDataset>(nameof(PrepareDataset), (i, ct) => Get<PrepareDataset>(services).RunAsync(i, ct))
            .AddActivity<CostEstimateRequest, RunCostEstimate>(nameof(EstimateCost), (i, ct) => Get<EstimateCost>(services).RunAsync(i, ct))
            .AddActivity<UploadFilesRequest, UploadedFiles>(nameof(UploadTrainingFiles), (i, ct) => Get<UploadTrainingFiles>(services).RunAsync(i, ct))
            .AddActivity<UploadedFiles, FilesProcessingState>(nameof(CheckFilesProcessed), (i, ct) => Get<CheckFilesProcessed>(services).RunAsync(i, ct))
            .AddActivity<CreateJobRequest, string>(nameof(CreateFineTuningJob), (i, ct) => Get<CreateFineTuningJob>(services).RunAsync(i, ct))
            .AddActivity<JobSnapshotRequest, JobSnapshot>(nameof(GetJobSnapshot), (i, ct) => Get<GetJobSnapshot>(services).RunAsync(i, ct))
            .AddActivity<JobControlInput, string>(nameof(ControlFineTuningJob), (i, ct) => Get<ControlFineTuningJob>(services).RunAsync(i, ct))
            .AddActivity<UploadedFiles, bool>(nameof(DeleteTrainingFiles), (i, ct) => Get<DeleteTrainingFiles>(services).RunAsync(i, ct))
            .AddActivity<DeployRequest, string>(nameof(DeployModel), (i, ct) => Get<DeployModel>(services).RunAsync(i, ct))
            .AddActivity<string, DeploymentState>(nameof(CheckDeployment), (i, ct) => Get<CheckDeployment>(services).RunAsync(i, ct))
            .AddActivity<EvaluateRequest, EvaluationSummary>(nameof(EvaluateModel), (i, ct) => Get<EvaluateModel>(services).RunAsync(i, ct))
            .AddActivity<RunReportRequest, Uri>(nameof(WriteRunReport), (i, ct) => Get<WriteRunReport>(services).RunAsync(i, ct))
            .AddActivity<string, bool>(nameof(DeleteDeployment), (i, ct) => Get<DeleteDeployment>(services).RunAsync(i, ct));

    private static T Get<T>(IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();
}
