using DpoPipeline.Emulator.Http;

namespace DpoPipeline.Emulator.Security;

/// <summary>
/// Rejects requests without a credential, as the real endpoints do, so client auth wiring is exercised.
/// Any bearer token is accepted; the data plane also accepts an <c>api-key</c> header (local opt-in). Tokens are never logged.
/// </summary>
internal sealed class CredentialRequirementMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasBearer(request) || (!Routes.IsArm(request.Path) && !string.IsNullOrWhiteSpace(request.Headers["api-key"])))
        {
            return next(context);
        }

        if (Routes.IsArm(request.Path))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"";
            return AzureError.WriteAsync(context, StatusCodes.Status401Unauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }

        return AzureError.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "401",
            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
    }

    private static bool HasBearer(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > "Bearer ".Length && !string.IsNullOrWhiteSpace(value[7..]);
    }
}
