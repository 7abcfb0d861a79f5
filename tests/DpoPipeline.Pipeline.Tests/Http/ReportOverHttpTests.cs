using System.Net;
using System.Text.Json;
using DpoPipeline.Core.Reports;
using DpoPipeline.Pipeline.Tests.Browser;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>
/// <c>GET /api/runs/{runId}/report</c> on the HTTP functions' own handlers: the link in a run's status opens in a
/// browser, charts drawn and every link leading somewhere; Markdown and JSON on request.
/// </summary>
public sealed class ReportOverHttpTests(ReportedRun run) : IClassFixture<ReportedRun>
{
    private static readonly HttpClient Http = new();

    [Fact(Timeout = 180_000)]
    public async Task The_report_opens_in_Chromium_with_every_chart_decoded_and_no_broken_link()
    {
        if (HeadlessChromium.Executable is null)
        {
            Assert.Skip("Chromium is not installed (Debian package 'chromium'; .ci/run installs it).");
        }

        var url = await ReportLinkAsync();
        await using var browser = await HeadlessChromium.StartAsync(TestContext.Current.CancellationToken);

        var page = await browser.OpenAsync<RenderedPage>(url, RenderedPage.Script, TestContext.Current.CancellationToken);

        Assert.Contains(run.RunId, page.Title, StringComparison.Ordinal);
        Assert.Equal(5, page.Images.Count);
        Assert.All(page.Images, image =>
        {
            Assert.True(image.NaturalWidth > 0 && image.NaturalHeight > 0, $"chart '{image.Alt}' did not decode");
            Assert.True(image.RenderedWidth > 0 && image.RenderedHeight > 0, $"chart '{image.Alt}' takes no room on the page");
        });
        Assert.NotEmpty(page.Links);
        foreach (var link in page.Links)
        {
            if (link.InPage)
            {
                Assert.True(link.TargetFound, $"link {link.Href} points at no element of the page");
            }
            else
            {
                using var answer = await Http.GetAsync(link.Url, TestContext.Current.CancellationToken);
                Assert.True(answer.IsSuccessStatusCode, $"link {link.Href} answers {(int)answer.StatusCode}");
            }
        }

        Assert.Empty(browser.PageErrors);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_status_links_the_report_through_the_api_rather_than_run_storage()
    {
        using var answer = await Http.GetAsync(run.Url($"api/runs/{run.RunId}"), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var expected = new Uri(run.Host.BaseUri, $"api/runs/{run.RunId}/report").ToString();
        var status = body.RootElement.GetProperty("run").GetProperty("status");
        Assert.Equal(expected, body.RootElement.GetProperty("links").GetProperty("report").GetString());
        Assert.Equal(expected, status.GetProperty("reportUri").GetString());
        Assert.Equal(nameof(RunPhase.Completed), status.GetProperty("phase").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_html_report_is_served_self_contained_and_locked_down()
    {
        using var answer = await Http.GetAsync(run.Url($"api/runs/{run.RunId}/report"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Markdown_and_json_are_served_on_request_and_another_format_is_400()
    {
        using var markdown = await Http.GetAsync(run.Url($"api/runs/{run.RunId}/report?format=md"), TestContext.Current.CancellationToken);
        using var json = await Http.GetAsync(run.Url($"api/runs/{run.RunId}/report?format=json"), TestContext.Current.CancellationToken);
        using var pdf = await Http.GetAsync(run.Url($"api/runs/{run.RunId}/report?format=pdf"), TestContext.Current.CancellationToken);

        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"# DPO run report: {run.RunId}", await markdown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var data = await RunReportJson.DeserializeAsync(await json.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.Equal(run.RunId, data.RunId);
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("html, md, json", await pdf.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_the_function_key_the_report_is_401()
    {
        using var answer = await Http.GetAsync(new Uri(run.Host.BaseUri, $"api/runs/{run.RunId}/report"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_run_without_a_report_yet_and_an_unknown_run_answer_404_saying_which()
    {
        var gated = await run.Harness.StartRunAsync(await run.Harness.SampleAsync("gated.jsonl"), new RunOverrides { BudgetLimitUsd = 0m });
        await run.Harness.WaitForPhaseAsync(gated.RunId, RunPhase.AwaitingApproval);

        using var notReady = await Http.GetAsync(run.Url($"api/runs/{gated.RunId}/report"), TestContext.Current.CancellationToken);
        using var unknown = await Http.GetAsync(run.Url("api/runs/no-such-run/report"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, notReady.StatusCode);
        Assert.Contains("report_not_ready", await notReady.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("run_not_found", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<Uri> ReportLinkAsync()
    {
        using var answer = await Http.GetAsync(run.Url($"api/runs/{run.RunId}"), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return new Uri(body.RootElement.GetProperty("links").GetProperty("report").GetString() + $"?code={run.Host.Key}");
    }
}
