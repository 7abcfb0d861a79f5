using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>
/// The one list of the workflow's orchestrators and activities. The local engine registers it as is; the Functions
/// app binds each entry with an attribute (a test checks its generated functions.metadata against this list); the
/// orchestrators call activities only through these entries.
/// </summary>
public static class WorkflowTasks
{
    public static OrchestratorTask<RunRequest, RunResult> RunPipeline { get; } = new(nameof(RunPipeline), Orchestrations.RunPipeline.RunAsync);

    public static OrchestratorTask<MonitorState, JobOutcome?> MonitorFineTuningJob { get; } =
        new(nameof(MonitorFineTuningJob), Orchestrations.MonitorFineTuningJob.RunAsync);

    public static OrchestratorTask<SweepVariantRequest, SweepVariantOutcome> RunSweepVariant { get; } =
        new(nameof(RunSweepVariant), Orchestrations.RunSweepVariant.RunAsync);
    public static OrchestratorTask<QuotaCoordinatorState?, QuotaCoordinatorState> QuotaCoordinator { get; } =
        new(nameof(QuotaCoordinator), Orchestrations.QuotaCoordinator.RunAsync);

    public static ActivityTask<PrepareDataset, RunRequest, PreparedDataset> PrepareDataset { get; } = new(nameof(PrepareDataset));

    public static ActivityTask<EstimateCost, CostEstimateRequest, RunCostEstimate> EstimateCost { get; } = new(nameof(EstimateCost));

    public static ActivityTask<UploadTrainingFiles, UploadFilesRequest, UploadedFiles> UploadTrainingFiles { get; } = new(nameof(UploadTrainingFiles));

    public static ActivityTask<CheckFilesProcessed, UploadedFiles, FilesProcessingState> CheckFilesProcessed { get; } = new(nameof(CheckFilesProcessed));

    public static ActivityTask<CreateFineTuningJob, CreateJobRequest, string> CreateFineTuningJob { get; } = new(nameof(CreateFineTuningJob));

    public static ActivityTask<GetJobSnapshot, JobSnapshotRequest, JobSnapshot> GetJobSnapshot { get; } = new(nameof(GetJobSnapshot));

    public static ActivityTask<ControlFineTuningJob, JobControlInput, string> ControlFineTuningJob { get; } = new(nameof(ControlFineTuningJob));

    public static ActivityTask<DeleteTrainingFiles, UploadedFiles, bool> DeleteTrainingFiles { get; } = new(nameof(DeleteTrainingFiles));

    public static ActivityTask<DeployModel, DeployRequest, string> DeployModel { get; } = new(nameof(DeployModel));

    public static ActivityTask<CheckDeployment, string, DeploymentState> CheckDeployment { get; } = new(nameof(CheckDeployment));

    public static ActivityTask<EvaluateModel, EvaluateRequest, EvaluationSummary> EvaluateModel { get; } = new(nameof(EvaluateModel));

    public static ActivityTask<WriteRunReport, RunReportRequest, Uri> WriteRunReport { get; } = new(nameof(WriteRunReport));

    public static ActivityTask<DeleteEvaluationDeployment, DeleteEvaluationDeploymentRequest, bool> DeleteEvaluationDeployment { get; } = new(nameof(DeleteEvaluationDeployment));

    public static ActivityTask<ReleaseRunResources, ReleaseRequest, RunCleanup> ReleaseRunResources { get; } = new(nameof(ReleaseRunResources));

    public static ActivityTask<ReadQuotaLimits, ReadQuotaLimitsRequest, QuotaLimits> ReadQuotaLimits { get; } = new(nameof(ReadQuotaLimits));

    public static ActivityTask<CheckBaseModel, BaseModelRequest, Core.FineTuning.ResolvedBaseModel> CheckBaseModel { get; } = new(nameof(CheckBaseModel));

    public static ActivityTask<PrepareSftDataset, SftPrepareRequest, PreparedSftDataset> PrepareSftDataset { get; } = new(nameof(PrepareSftDataset));

    public static ActivityTask<CreateSftJob, CreateSftJobRequest, string> CreateSftJob { get; } = new(nameof(CreateSftJob));

    public static IReadOnlyList<IWorkflowTask> AllOrchestrators { get; } = [RunPipeline, MonitorFineTuningJob, QuotaCoordinator, RunSweepVariant];

    public static IReadOnlyList<IActivityTask> AllActivities { get; } =
    [
        PrepareDataset, EstimateCost, UploadTrainingFiles, CheckFilesProcessed, CreateFineTuningJob, GetJobSnapshot,
        ControlFineTuningJob, DeleteTrainingFiles, DeployModel, CheckDeployment, EvaluateModel, WriteRunReport, DeleteEvaluationDeployment,
        ReleaseRunResources, ReadQuotaLimits, CheckBaseModel, PrepareSftDataset, CreateSftJob,
    ];

    /// <summary>The activity classes, for dependency injection.</summary>
    public static IEnumerable<Type> ActivityTypes => AllActivities.Select(a => a.ActivityType);

    public static void Register(DurableTaskRegistry registry)
    {
        foreach (var task in AllOrchestrators.Concat<IWorkflowTask>(AllActivities))
        {
            task.Register(registry);
        }
    }
}
