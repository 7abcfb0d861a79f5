using System.Text.Json.Nodes;

namespace DpoPipeline.Emulator.Http;

/// <summary>Azure's error envelope, <c>{"error":{"code","message"}}</c> with string codes and no <c>type</c>.</summary>
internal static class AzureError
{
    public static JsonObject Body(string code, string message, string? param = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (param is not null)
        {
            error["param"] = param;
        }

        return new JsonObject { ["error"] = error };
    }

    public static IResult Result(int statusCode, string code, string message, string? param = null) =>
        Results.Json(Body(code, message, param), statusCode: statusCode);

    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(Body(code, message), context.RequestAborted);
    }

    /// <summary>The job and file routes answer an unknown id like this (recorded).</summary>
    public static IResult EntityNotFound() =>
        Result(StatusCodes.Status404NotFound, "notFound", "The specified entity cannot be found.");

    public static IResult InvalidPayload(string message, string? param = null) =>
        Result(StatusCodes.Status400BadRequest, "invalidPayload", message, param);

    /// <summary>Throttling answer of the data plane: string code "429" (recorded) plus Retry-After headers.</summary>
    public static IResult TooManyRequests(HttpContext context, int retryAfterSeconds, string message)
    {
        RetryAfter.Set(context.Response, retryAfterSeconds);
        return Result(StatusCodes.Status429TooManyRequests, "429", message);
    }
}
