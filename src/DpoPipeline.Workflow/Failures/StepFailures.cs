using System.ClientModel;
using Azure;
using DpoPipeline.Core.Http;

namespace DpoPipeline.Workflow.Failures;

/// <summary>
/// Runs an activity and turns whatever it throws into a <see cref="TransientStepException"/> or a
/// <see cref="PermanentStepException"/>, using the kinds the Azure clients already classify. Both hosts run every
/// activity through here, so the retry policy sees the same failures in Azure and locally.
/// </summary>
public static class StepFailures
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await step();
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            throw Classify(e);
        }
    }

    public static StepFailedException Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AzureOpenAIServiceException e => Create(e.IsTransient, e.ServiceCode is { Length: > 0 } code && e.StatusCode != 0 ? code : Snake(e.Kind.ToString()), e),
            RequestFailedException e => Create(IsTransientStatus(e.Status), e.ErrorCode ?? $"http_{e.Status}", e),
            ClientResultException e => Create(IsTransientStatus(e.Status), ServiceCode(e) ?? $"http_{e.Status}", e),
            FileNotFoundException or DirectoryNotFoundException => new PermanentStepException("not_found", exception.Message, exception),
            HttpRequestException or IOException or TimeoutException or OperationCanceledException => new TransientStepException("network", exception.Message, exception),
            _ => new PermanentStepException(Snake(exception.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)), exception.Message, exception),
        };
    }

    // The chat client throws with the raw answer attached; its error body carries the service's code.
    private static string? ServiceCode(ClientResultException exception) =>
        exception.GetRawResponse() is { } response ? ServiceError.Parse(response.Content.ToMemory().Span).Code : null;

    private static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500;

    private static StepFailedException Create(bool transient, string code, Exception exception) =>
        transient ? new TransientStepException(code, exception.Message, exception) : new PermanentStepException(code, exception.Message, exception);

    private static string Snake(string text)
    {
        var snake = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
