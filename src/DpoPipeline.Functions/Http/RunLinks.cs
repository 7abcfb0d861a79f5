using Microsoft.AspNetCore.Http;

namespace DpoPipeline.Functions.Http;

/// <summary>Where to steer a run next, returned with every start and status answer.</summary>
internal sealed record RunLinks(Uri Status, Uri Cancel, Uri Pause, Uri Resume, Uri Approve, Uri Deployment, Uri Report)
{
    public static RunLinks For(HttpRequest request, string runId)
    {
        var run = RunUri(request, runId);
        return new RunLinks(run, Sub(run, "cancel"), Sub(run, "pause"), Sub(run, "resume"), Sub(run, "approve"), Sub(run, "deployment"), ReportFor(request, runId));
    }

    /// <summary>The run's report through this API, which reads it with the app's identity: run storage refuses anonymous and shared-key reads.</summary>
    public static Uri ReportFor(HttpRequest request, string runId) => Sub(RunUri(request, runId), "report");

    private static Uri RunUri(HttpRequest request, string runId) =>
        new($"{request.Scheme}://{request.Host}/api/runs/{Uri.EscapeDataString(runId)}");

    private static Uri Sub(Uri run, string action) => new($"{run}/{action}");
}
