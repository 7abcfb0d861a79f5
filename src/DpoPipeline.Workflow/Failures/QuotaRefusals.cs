using DpoPipeline.Core.Http;

namespace DpoPipeline.Workflow.Failures;

/// <summary>For the two steps that take a quota slot (creating a job, deploying): a quota answer becomes a <see cref="QuotaStepException"/>.</summary>
public static class QuotaRefusals
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await step();
        }
        catch (AzureOpenAIServiceException e) when (e.Kind is ServiceErrorKind.RateLimited or ServiceErrorKind.QuotaExceeded or ServiceErrorKind.DeploymentLimitReached)
        {
            throw new QuotaStepException(e.ServiceCode is { Length: > 0 } code ? code : "quota", e.Message, e);
        }
    }
}
