using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Confirms with the service that the run's base model can be fine-tuned before anything is uploaded: a fine-tuned
/// model id or an earlier run's id (its DPO job's model) must exist and report <c>capabilities.fine_tune</c>. Its
/// family (tokenizer, token limit, price) is the catalogue model at the root. A refusal fails the run at once.
/// </summary>
public sealed class CheckBaseModel(FineTuningServiceClient service, ILogger<CheckBaseModel> logger) : IWorkflowActivity<BaseModelRequest, ResolvedBaseModel>
{
    public async Task<ResolvedBaseModel> RunAsync(BaseModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var resolved = await BaseModelResolver.ResolveAsync(service, request.BaseModel, cancellationToken);
            logger.LogInformation(
                "Run {RunId}: base model {Requested} is {Model} (family {Family}).", request.RunId, request.BaseModel, resolved.Model, resolved.Family);
            return resolved;
        }
        catch (BaseModelException e)
        {
            throw new PermanentStepException(e.Code, e.Message, e);
        }
    }
}
