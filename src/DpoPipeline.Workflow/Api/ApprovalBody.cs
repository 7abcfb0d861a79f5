using System.Text.Json;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Api;

/// <summary>
/// The body of <c>POST /api/runs/{id}/approve</c>: <c>{"approved": true, "decidedBy": "…", "comment": "…"}</c>. Nothing is
/// implied: an empty body, a missing <c>approved</c> or a missing <c>decidedBy</c> is refused, never taken as a yes.
/// </summary>
public sealed record ApprovalBody(bool? Approved, string? DecidedBy, string? Comment)
{
    /// <exception cref="RunOptionsException">The body is empty, malformed, or leaves out the decision or who made it.</exception>
    public static ApprovalDecision Parse(string json)
    {
        const string Expected = """Send {"approved": true, "decidedBy": "<who>", "comment": "<why>"} ("approved": false refuses).""";
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new RunOptionsException([$"request body: empty. {Expected}"]);
        }

        ApprovalBody? body;
        try
        {
            body = JsonSerializer.Deserialize<ApprovalBody>(json, RunOverrides.Json);
        }
        catch (JsonException e)
        {
            throw new RunOptionsException([$"request body: {e.Message} {Expected}"]);
        }

        var problems = new List<string>();
        if (body?.Approved is null)
        {
            problems.Add($"approved: required, true or false. {Expected}");
        }

        if (string.IsNullOrWhiteSpace(body?.DecidedBy))
        {
            problems.Add("decidedBy: required: who decides is recorded in the run's status and report.");
        }

        return problems.Count == 0 ? new ApprovalDecision(body!.Approved!.Value, body.DecidedBy!.Trim(), body.Comment) : throw new RunOptionsException(problems);
    }
}
