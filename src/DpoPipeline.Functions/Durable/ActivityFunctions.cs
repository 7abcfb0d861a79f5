using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Functions.Durable;

/// <summary>Binds each activity to Durable Functions by name; the activities themselves live in DpoPipeline.Workflow.</summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(nameof(PrepareDataset))]
    public Task<PreparedDataset> PrepareDatasetActivity([ActivityTrigger] RunRequest input, CancellationToken cancellationToken) =>
        Get<PrepareDataset>().RunAsync(input, cancellationToken);

    [Function(nameof(EstimateCost))]
    public Task<RunCostEstimate> EstimateCostActivity([ActivityTrigger] CostEstimateRequest input, CancellationToken cancellationToken) =>
        Get<EstimateCost>().RunAsync(input, cancellationToken);

    [Function(nameof(UploadTrainingFiles))]
    public Task<UploadedFiles> UploadTrainingFilesActivity([ActivityTrigger] UploadFilesRequest input, CancellationToken cancellationToken) =>
        Get<UploadTrainingFiles>().RunAsync(input, cancellationToken);

    [Function(nameof(CheckFilesProcessed))]
    public Task<FilesProcessingState> CheckFilesProcessedActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        Get<CheckFilesProcessed>().RunAsync(input, cancellationToken);

    [Function(nameof(CreateFineTuningJob))]
    public Task<string> CreateFineTuningJobActivity([ActivityTrigger] CreateJobRequest input, CancellationToken cancellationToken) =>
        Get<CreateFineTuningJob>().RunAsync(input, cancellationToken);

    [Function(nameof(GetJobSnapshot))]
    public Task<JobSnapshot> GetJobSnapshotActivity([ActivityTrigger] JobSnapshotRequest input, CancellationToken cancellationToken) =>
        Get<GetJobSnapshot>().RunAsync(input, cancellationToken);

    [Function(nameof(ControlFineTuningJob))]
    public Task<string> ControlFineTuningJobActivity([ActivityTrigger] JobControlInput input, CancellationToken cancellationToken) =>
        Get<ControlFineTuningJob>().RunAsync(input, cancellationToken);

    [Function(nameof(DeleteTrainingFiles))]
    public Task<bool> DeleteTrainingFilesActivity([ActivityTrigger] UploadedFiles input, CancellationToken cancellationToken) =>
        Get<DeleteTrainingFiles>().RunAsync(input, cancellationToken);

    [Function(nameof(DeployModel))]
    public Task<string> DeployModelActivity([ActivityTrigger] DeployRequest input, CancellationToken cancellationToken) =>
        Get<DeployModel>().RunAsync(input, cancellationToken);

    [Function(nameof(CheckDeployment))]
    public Task<DeploymentState> CheckDeploymentActivity([ActivityTrigger] string deployment, CancellationToken cancellationToken) =>
        Get<CheckDeployment>().RunAsync(deployment, cancellationToken);

    [Function(nameof(EvaluateModel))]
    public Task<EvaluationSummary> EvaluateModelActivity([ActivityTrigger] EvaluateRequest input, CancellationToken cancellationToken) =>
        Get<EvaluateModel>().RunAsync(input, cancellationToken);

    [Function(nameof(WriteRunReport))]
    public Task<Uri> WriteRunReportActivity([ActivityTrigger] RunReportRequest input, CancellationToken cancellationToken) =>
        Get<WriteRunReport>().RunAsync(input, cancellationToken);

    [Function(nameof(DeleteDeployment))]
    public Task<bool> DeleteDeploymentActivity([ActivityTrigger] string deployment, CancellationToken cancellationToken) =>
        Get<DeleteDeployment>().RunAsync(deployment, cancellationToken);

    private T Get<T>()
        where T : notnull => services.GetRequiredService<T>();
}
