using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Faults;

/// <summary>Applies the per-request fault header and the configured fault rules before a request reaches its route.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, EmulatorOptions options, EmulatorCounters counters, ILogger<FaultInjectionMiddleware> logger)
{
    private readonly (FaultRule Rule, FaultSpec Spec)[] rules = options.Faults.Select(r => (r, r.Spec)).ToArray();
    private readonly int[] matchCounts = new int[options.Faults.Count];

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = FromConfiguration(context.Request);
        if (context.Request.Headers.TryGetValue(FaultSpec.HeaderName, out var header))
        {
            if (!FaultSpec.TryParse(header.ToString(), out var spec, out var error))
            {
                await AzureError.WriteAsync(context, StatusCodes.Status400BadRequest, "invalidFaultHeader", error);
                return;
            }

            fault = spec;
        }

        if (fault is null)
        {
            await next(context);
            return;
        }

        counters.FaultInjected();
        logger.LogInformation("Injecting fault {Fault} into {Method} {Path}", fault, context.Request.Method, context.Request.Path);
        if (fault.Delay > TimeSpan.Zero)
        {
            // Wall-clock latency on purpose: it is what the client's socket sees, whatever the emulator's clock is.
            await Task.Delay(fault.Delay, context.RequestAborted);
        }

        if (fault.Drop)
        {
            context.Abort();
            return;
        }

        if (fault.StatusCode is { } status)
        {
            await WriteFaultAsync(context, status, fault.RetryAfterSeconds);
            return;
        }

        await next(context);
    }

    private FaultSpec? FromConfiguration(HttpRequest request)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            var (rule, spec) = rules[i];
            if (rule.Matches(request) && (rule.Count is null || Interlocked.Increment(ref matchCounts[i]) <= rule.Count))
            {
                return spec;
            }
        }

        return null;
    }

    private static Task WriteFaultAsync(HttpContext context, int status, int retryAfterSeconds)
    {
        var arm = Routes.IsArm(context.Request.Path);
        switch (status)
        {
            case StatusCodes.Status429TooManyRequests:
                RetryAfter.Set(context.Response, retryAfterSeconds);
                return arm
                    ? AzureError.WriteAsync(context, status, "TooManyRequests", "The request is being throttled as the limit has been reached for this operation type. Please retry after the time in the Retry-After header.")
                    : AzureError.WriteAsync(context, status, "429", $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds.");
            case StatusCodes.Status503ServiceUnavailable:
                return AzureError.WriteAsync(context, status, "ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later.");
            case StatusCodes.Status400BadRequest:
                return arm
                    ? AzureError.WriteAsync(context, status, "BadRequest", "The request is invalid (injected fault).")
                    : AzureError.WriteAsync(context, status, "invalidPayload", "The request is invalid (injected fault).");
            case StatusCodes.Status401Unauthorized:
                return AzureError.WriteAsync(context, status, arm ? "InvalidAuthenticationToken" : "401", "Access denied due to invalid subscription key or wrong API endpoint (injected fault).");
            case StatusCodes.Status403Forbidden:
                return AzureError.WriteAsync(context, status, arm ? "AuthorizationFailed" : "PermissionDenied", "The principal lacks the required data action (injected fault).");
            case StatusCodes.Status404NotFound:
                return AzureError.WriteAsync(context, status, arm ? "NotFound" : "notFound", "The specified entity cannot be found (injected fault).");
            case StatusCodes.Status409Conflict:
                return AzureError.WriteAsync(context, status, arm ? "Conflict" : "conflict", "The resource is in a state that does not allow this (injected fault).");
            case StatusCodes.Status408RequestTimeout:
            case StatusCodes.Status504GatewayTimeout:
                return AzureError.WriteAsync(context, status, "Timeout", "The operation was timeout.");
            default:
                return AzureError.WriteAsync(context, status, "InternalServerError", "The server had an error while processing your request. Sorry about that!");
        }
    }
}
