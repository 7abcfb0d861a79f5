using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.Azure.Functions.Worker;

namespace DpoPipeline.Functions.Durable;

/// <summary>Binds each activity of <see cref="WorkflowTasks"/> to Durable Functions by name; the activities live in DpoPipeline.Workflow.</summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(nameof(WorkflowTasks.PrepareDataset))]
    public Task<PreparedDataset> PrepareDatasetActivity([ActivityTrigger] RunRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.PrepareDataset.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.EstimateCost))]
    public Task<RunCostEstimate> EstimateCostActivity([ActivityTrigger] CostEstimateRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.EstimateCost.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.UploadTrainingFiles))]
    public Task<UploadedFiles> UploadTrainingFilesActivity([ActivityTrigger] UploadFilesRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.UploadTrainingFiles.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.CheckFilesProcessed))]
    public Task<FilesProcessingState> CheckFilesProcessedActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        WorkflowTasks.CheckFilesProcessed.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.CreateFineTuningJob))]
    public Task<string> CreateFineTuningJobActivity([ActivityTrigger] CreateJobRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.CreateFineTuningJob.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.GetJobSnapshot))]
    public Task<JobSnapshot> GetJobSnapshotActivity([ActivityTrigger] JobSnapshotRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.GetJobSnapshot.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.ControlFineTuningJob))]
    public Task<string> ControlFineTuningJobActivity([ActivityTrigger] JobControlInput input, CancellationToken cancellationToken) =>
        WorkflowTasks.ControlFineTuningJob.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeleteTrainingFiles))]
    public Task<bool> DeleteTrainingFilesActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        WorkflowTasks.DeleteTrainingFiles.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeployModel))]
    public Task<string> DeployModelActivity([ActivityTrigger] DeployRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.DeployModel.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.CheckDeployment))]
    public Task<DeploymentState> CheckDeploymentActivity([ActivityTrigger] string deployment, CancellationToken cancellationToken) =>
        WorkflowTasks.CheckDeployment.RunAsync(services, deployment, cancellationToken);

    [Function(nameof(WorkflowTasks.EvaluateModel))]
    public Task<EvaluationSummary> EvaluateModelActivity([ActivityTrigger] EvaluateRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.EvaluateModel.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.WriteRunReport))]
    public Task<Uri> WriteRunReportActivity([ActivityTrigger] RunReportRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.WriteRunReport.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeleteEvaluationDeployment))]
    public Task<bool> DeleteEvaluationDeploymentActivity([ActivityTrigger] DeleteEvaluationDeploymentRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.DeleteEvaluationDeployment.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.ReleaseRunResources))]
    public Task<RunCleanup> ReleaseRunResourcesActivity([ActivityTrigger] ReleaseRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.ReleaseRunResources.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.ReadQuotaLimits))]
    public Task<QuotaLimits> ReadQuotaLimitsActivity([ActivityTrigger] ReadQuotaLimitsRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.ReadQuotaLimits.RunAsync(services, input, cancellationToken);
    [Function(nameof(WorkflowTasks.CheckBaseModel))]
    public Task<ResolvedBaseModel> CheckBaseModelActivity([ActivityTrigger] BaseModelRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.CheckBaseModel.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.PrepareSftDataset))]
    public Task<PreparedSftDataset> PrepareSftDatasetActivity([ActivityTrigger] SftPrepareRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.PrepareSftDataset.RunAsync(services, input, cancellationToken);

    [Function(nameof(WorkflowTasks.CreateSftJob))]
    public Task<string> CreateSftJobActivity([ActivityTrigger] CreateSftJobRequest input, CancellationToken cancellationToken) =>
        WorkflowTasks.CreateSftJob.RunAsync(services, input, cancellationToken);
}
