using DpoPipeline.Cli.Tests;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>A pipeline with its HTTP functions on loopback and one run of the sample that has finished with a report.</summary>
public sealed class ReportedRun : IAsyncLifetime
{
    internal PipelineHarness Harness { get; private set; } = null!;

    internal FunctionsHttpHost Host { get; private set; } = null!;

    public string RunId { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Harness = await PipelineHarness.StartAsync();
        Host = await FunctionsHttpHost.StartAsync(Harness);
        var request = await Harness.StartRunAsync(await Harness.SampleAsync());
        var result = await Harness.RunToEndAsync(request.RunId);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        RunId = request.RunId;
    }

    /// <summary>Runs `dpo runs VERB …` against this pipeline with --app and a function key.</summary>
    internal Task<CliRun> DpoRunsAsync(params string[] args) =>
        CliRun.InvokeAsync(["runs", .. args, "--app", Host.BaseUri.ToString(), "--key", Host.Key]);

    /// <summary>Runs `dpo runs VERB …` with the master key, as an admin who may approve a run's cost.</summary>
    internal Task<CliRun> DpoRunsAsAdminAsync(params string[] args) =>
        CliRun.InvokeAsync(["runs", .. args, "--app", Host.BaseUri.ToString(), "--key", Host.MasterKey]);

    /// <summary>An API address with the function key in its query, as a person opens it in a browser.</summary>
    internal Uri Url(string pathAndQuery)
    {
        var url = new Uri(Host.BaseUri, pathAndQuery);
        return new Uri($"{url}{(url.Query.Length == 0 ? "?" : "&")}code={Host.Key}");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
