namespace DpoPipeline.Emulator.Http;

/// <summary>
/// Stamps every response with the ids the service's clients log and support asks for: <c>apim-request-id</c> on the
/// data plane; <c>x-ms-request-id</c> and <c>x-ms-correlation-request-id</c> on ARM, which echoes a correlation id
/// the client sent, as ARM does. Set before anything else runs, so error and fault responses carry them too.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string ApimRequestId = "apim-request-id";
    public const string ArmRequestId = "x-ms-request-id";
    public const string ArmCorrelationId = "x-ms-correlation-request-id";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (Routes.IsArm(context.Request.Path))
        {
            headers[ArmRequestId] = Guid.NewGuid().ToString();
            headers[ArmCorrelationId] = context.Request.Headers.TryGetValue(ArmCorrelationId, out var sent) && !string.IsNullOrWhiteSpace(sent)
                ? sent.ToString()
                : Guid.NewGuid().ToString();
        }
        else
        {
            headers[ApimRequestId] = Guid.NewGuid().ToString();
        }

        return next(context);
    }
}
