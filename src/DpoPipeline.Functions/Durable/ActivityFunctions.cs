using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Functions.Durable;

/// <summary>Binds each activity of <see cref="WorkflowTasks"/> to Durable Functions by name; the activities live in DpoPipeline.Workflow.</summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(nameof(WorkflowTasks.PrepareDataset))]
    public Task<PreparedDataset> PrepareDatasetActivity([ActivityTrigger] RunRequest input, CancellationToken cancellationToken) =>
        Get<PrepareDataset>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.EstimateCost))]
    public Task<RunCostEstimate> EstimateCostActivity([ActivityTrigger] CostEstimateRequest input, CancellationToken cancellationToken) =>
        Get<EstimateCost>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.UploadTrainingFiles))]
    public Task<UploadedFiles> UploadTrainingFilesActivity([ActivityTrigger] UploadFilesRequest input, CancellationToken cancellationToken) =>
        Get<UploadTrainingFiles>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.CheckFilesProcessed))]
    public Task<FilesProcessingState> CheckFilesProcessedActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        Get<CheckFilesProcessed>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.CreateFineTuningJob))]
    public Task<string> CreateFineTuningJobActivity([ActivityTrigger] CreateJobRequest input, CancellationToken cancellationToken) =>
        Get<CreateFineTuningJob>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.GetJobSnapshot))]
    public Task<JobSnapshot> GetJobSnapshotActivity([ActivityTrigger] JobSnapshotRequest input, CancellationToken cancellationToken) =>
        Get<GetJobSnapshot>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.ControlFineTuningJob))]
    public Task<string> ControlFineTuningJobActivity([ActivityTrigger] JobControlInput input, CancellationToken cancellationToken) =>
        Get<ControlFineTuningJob>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeleteTrainingFiles))]
    public Task<bool> DeleteTrainingFilesActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        Get<DeleteTrainingFiles>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeployModel))]
    public Task<string> DeployModelActivity([ActivityTrigger] DeployRequest input, CancellationToken cancellationToken) =>
        Get<DeployModel>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.CheckDeployment))]
    public Task<DeploymentState> CheckDeploymentActivity([ActivityTrigger] string deployment, CancellationToken cancellationToken) =>
        Get<CheckDeployment>().RunAsync(deployment, cancellationToken);

    [Function(nameof(WorkflowTasks.EvaluateModel))]
    public Task<EvaluationSummary> EvaluateModelActivity([ActivityTrigger] EvaluateRequest input, CancellationToken cancellationToken) =>
        Get<EvaluateModel>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.WriteRunReport))]
    public Task<Uri> WriteRunReportActivity([ActivityTrigger] RunReportRequest input, CancellationToken cancellationToken) =>
        Get<WriteRunReport>().RunAsync(input, cancellationToken);

    [Function(nameof(WorkflowTasks.DeleteDeployment))]
    public Task<bool> DeleteDeploymentActivity([ActivityTrigger] string deployment, CancellationToken cancellationToken) =>
        Get<DeleteDeployment>().RunAsync(deployment, cancellationToken);

    private T Get<T>()
        where T : notnull => services.GetRequiredService<T>();
}
