using System.Net;
using System.Text.Json;
using DpoPipeline.Cli.Tests;
using DpoPipeline.Emulator;
using DpoPipeline.Workflow.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>
/// `dpo runs …` against the HTTP functions' own handlers on loopback, over a real pipeline: tables for people, JSON for
/// scripts, exit 1 when the pipeline refuses, exit 2 for a bad key, address or connection, and the key never shown.
/// </summary>
public sealed class DpoRunsCommandTests(ReportedRun run) : IClassFixture<ReportedRun>
{
    /// <summary>The documented variable (README, dpo runs --help).</summary>
    private const string KeyVariable = "DPO_FUNCTION_KEY";

    [Fact(Timeout = 60_000)]
    public async Task List_shows_the_finished_run_in_a_table_and_as_json_and_filters_by_status()
    {
        var table = await run.DpoRunsAsync("list");
        var json = await run.DpoRunsAsync("list", "--json");
        var failedOnly = await run.DpoRunsAsync("list", "--status", "Failed", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var row = table.Out.Split('\n').SingleOrDefault(line => line.Contains(run.RunId, StringComparison.Ordinal));
        Assert.True(row is not null, table.Out);
        Assert.Contains("Completed", row, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(json.Out);
        Assert.Contains(page.RootElement.GetProperty("runs").EnumerateArray(), r => r.GetProperty("runId").GetString() == run.RunId);
        using var failed = JsonDocument.Parse(failedOnly.Out);
        Assert.DoesNotContain(failed.RootElement.GetProperty("runs").EnumerateArray(), r => r.GetProperty("runId").GetString() == run.RunId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Show_tables_the_outcome_model_evaluation_and_the_report_link()
    {
        var shown = await run.DpoRunsAsync("show", run.RunId);
        var json = await run.DpoRunsAsync("show", run.RunId, "--json");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("│ Outcome", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Completed", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Win rate vs base", shown.Out, StringComparison.Ordinal);
        Assert.Contains(new Uri(run.Host.BaseUri, $"api/runs/{run.RunId}/report").ToString(), shown.Out, StringComparison.Ordinal);
        using var answer = JsonDocument.Parse(json.Out);
        Assert.Equal("Completed", answer.RootElement.GetProperty("run").GetProperty("outcome").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Report_downloads_the_html_to_a_file_and_json_to_stdout()
    {
        var folder = Directory.CreateTempSubdirectory("dpo-runs-report-").FullName;
        try
        {
            var file = Path.Combine(folder, "report.html");
            var html = await run.DpoRunsAsync("report", run.RunId, "-o", file);
            var json = await run.DpoRunsAsync("report", run.RunId, "--format", "json", "-o", "-");

            Assert.True(html.ExitCode == 0, html.ToString());
            Assert.Equal(file, html.Out.Trim());
            Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(folder));
            using var data = JsonDocument.Parse(json.Out);
            Assert.Equal(run.RunId, data.RootElement.GetProperty("runId").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Approve_with_the_master_key_lets_a_run_past_the_budget_gate_recording_who_and_why_and_a_second_approval_exits_1()
    {
        var gated = await StartGatedRunAsync("approve.jsonl");

        var approved = await run.DpoRunsAsAdminAsync("approve", gated, "--decided-by", "lead", "--comment", "worth it");
        var view = await run.Harness.WaitUntilAsync(gated, v => v.Status?.Approval is not null);
        var again = await run.DpoRunsAsAdminAsync("approve", gated);

        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Contains($"Decision sent for run {gated}", approved.Out, StringComparison.Ordinal);
        Assert.Equal(new ApprovalRecord(true, "lead", view.Status!.Approval!.At, "worth it"), view.Status.Approval);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not in a state that allows this", again.Error, StringComparison.Ordinal);
        await run.DpoRunsAsync("cancel", gated);
    }

    [Fact(Timeout = 120_000)]
    public async Task Approving_with_a_function_key_is_refused_saying_the_master_key_is_needed()
    {
        var gated = await StartGatedRunAsync("function-key.jsonl");

        var refused = await run.DpoRunsAsync("approve", gated);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("this needs the master key from --key or DPO_MASTER_KEY", refused.Error, StringComparison.Ordinal);
        Assert.Equal(RunPhase.AwaitingApproval, (await run.Harness.Pipeline.Runs.GetAsync(gated, TestContext.Current.CancellationToken))!.Status!.Phase);
        await run.DpoRunsAsync("cancel", gated);
    }

    [Fact(Timeout = 120_000)]
    public async Task Reject_ends_a_gated_run_rejected_and_cancel_ends_another_cancelled()
    {
        var rejected = await StartGatedRunAsync("reject.jsonl");
        var cancelled = await StartGatedRunAsync("cancel.jsonl");

        var reject = await run.DpoRunsAsAdminAsync("approve", rejected, "--reject", "--json");
        var cancel = await run.DpoRunsAsync("cancel", cancelled, "--reason", "wrong dataset");

        Assert.True(reject.ExitCode == 0, reject.ToString());
        using (var answer = JsonDocument.Parse(reject.Out))
        {
            Assert.True(answer.RootElement.GetProperty("accepted").GetBoolean());
            Assert.Equal("approve", answer.RootElement.GetProperty("command").GetString());
        }

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal(RunOutcome.Rejected, (await run.Harness.RunToEndAsync(rejected)).Outcome);
        Assert.Equal(RunOutcome.Cancelled, (await run.Harness.RunToEndAsync(cancelled)).Outcome);
    }

    [Fact(Timeout = 120_000)]
    public async Task Delete_deployment_ends_serving_now_instead_of_at_the_ttl()
    {
        var request = await run.Harness.StartRunAsync(await run.Harness.SampleAsync("serving.jsonl"), new RunOverrides { DeploymentTtlHours = 72 });
        var serving = (await run.Harness.WaitForPhaseAsync(request.RunId, RunPhase.Serving)).Status!;

        var deleted = await run.DpoRunsAsync("delete-deployment", request.RunId);
        var result = await run.Harness.RunToEndAsync(request.RunId);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.DoesNotContain(run.Harness.Emulator.State.Deployments, d => d.Name == serving.Deployment);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_run_exits_1_with_the_pipelines_words()
    {
        var shown = await run.DpoRunsAsync("show", "no-such-run");
        var paused = await run.DpoRunsAsync("pause", "no-such-run");

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("No run with id 'no-such-run'", shown.Error, StringComparison.Ordinal);
        Assert.Equal(1, paused.ExitCode);
        Assert.Empty(shown.Out);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_key_exits_2_without_showing_either_key()
    {
        const string wrong = "not-the-key-7f3a";

        var refused = await CliRun.InvokeAsync("runs", "list", "--app", run.Host.BaseUri.ToString(), "--key", wrong);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("refused the key (401); this needs the function key from --key or DPO_FUNCTION_KEY", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Host.Key, refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_key_comes_from_DPO_FUNCTION_KEY_is_never_echoed_and_its_absence_is_a_clear_usage_error()
    {
        var app = run.Host.BaseUri.ToString();
        CliRun fromEnvironment, help, missing;
        Environment.SetEnvironmentVariable(KeyVariable, run.Host.Key);
        try
        {
            fromEnvironment = await CliRun.InvokeAsync("runs", "show", run.RunId, "--app", app, "--json");
            help = await CliRun.InvokeAsync("runs", "list", "--help");
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyVariable, null);
        }

        missing = await CliRun.InvokeAsync("runs", "list", "--app", app);

        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(KeyVariable, help.Out, StringComparison.Ordinal);
        foreach (var output in new[] { fromEnvironment, help, missing })
        {
            Assert.DoesNotContain(run.Host.Key, output.Out + output.Error, StringComparison.Ordinal);
        }

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"No function key: set {KeyVariable} or give --key", missing.Error, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("https://func.example/?code=secret-in-url", "without a query")]
    [InlineData("http://func.example", "must use https")]
    [InlineData("ftp://func.example", "must be the Functions app's URL")]
    public async Task An_app_address_that_would_expose_the_key_or_is_no_url_is_a_usage_error_that_does_not_repeat_it(string app, string expected)
    {
        var refused = await CliRun.InvokeAsync("runs", "list", "--app", app, "--key", "k");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(expected, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-url", refused.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_app_nobody_answers_at_exits_2_saying_it_cannot_be_reached()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var refused = await CliRun.InvokeAsync("runs", "list", "--app", $"http://127.0.0.1:{port}", "--key", run.Host.Key);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"Cannot reach http://127.0.0.1:{port}", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Host.Key, refused.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_redirect_is_not_followed_so_the_key_never_leaves_for_another_address()
    {
        var landed = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var redirector = builder.Build();
        redirector.Map("/landing", () => { Interlocked.Increment(ref landed); return "landed"; });
        redirector.Map("/api/{**rest}", (HttpContext context) =>
            Results.Redirect($"{context.Request.Scheme}://{context.Request.Host}/landing", permanent: false, preserveMethod: true));
        await redirector.StartAsync(TestContext.Current.CancellationToken);

        var refused = await CliRun.InvokeAsync("runs", "list", "--app", EmulatorServer.ListeningUri(redirector).ToString(), "--key", run.Host.Key);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("does not follow redirects", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, landed);
    }

    private async Task<string> StartGatedRunAsync(string name)
    {
        var request = await run.Harness.StartRunAsync(await run.Harness.SampleAsync(name), new RunOverrides { BudgetLimitUsd = 0m });
        await run.Harness.WaitForPhaseAsync(request.RunId, RunPhase.AwaitingApproval);
        return request.RunId;
    }
}
