using Microsoft.AspNetCore.Http;

namespace DpoPipeline.Functions.Http;

/// <summary>Where to steer a run next, returned with every start and status answer.</summary>
internal sealed record RunLinks(Uri Status, Uri Cancel, Uri Pause, Uri Resume, Uri Approve, Uri Deployment)
{
    public static RunLinks For(HttpRequest request, string runId)
    {
        var run = new Uri($"{request.Scheme}://{request.Host}/api/runs/{Uri.EscapeDataString(runId)}");
        return new RunLinks(run, Sub(run, "cancel"), Sub(run, "pause"), Sub(run, "resume"), Sub(run, "approve"), Sub(run, "deployment"));
    }

    private static Uri Sub(Uri run, string action) => new($"{run}/{action}");
}
