namespace Microsoft.DurableTask;

/// <summary>Stand-in: why a task failed, as recorded in the orchestration history.</summary>
public record TaskFailureDetails(
    string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure, IDictionary<string, object?>? Properties)
{
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            null);
    }

    public bool IsCausedBy<T>()
        where T : Exception => this.IsCausedBy(typeof(T));

    public bool IsCausedBy(Type targetBaseExceptionType)
    {
        ArgumentNullException.ThrowIfNull(targetBaseExceptionType);
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(this.ErrorType, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        return type is not null && targetBaseExceptionType.IsAssignableFrom(type);
    }

    public override string ToString() => $"{this.ErrorType}: {this.ErrorMessage}";
}
