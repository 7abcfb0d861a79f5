using System.Globalization;
using DpoPipeline.Workflow.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace DpoPipeline.Functions.Http;

/// <summary>Reads <c>GET /api/runs?status=Running,Completed&amp;createdFrom=…&amp;createdTo=…&amp;prefix=…&amp;top=…&amp;continuationToken=…</c>.</summary>
internal static class RunListQueryParser
{
    public static (RunListQuery? Query, IReadOnlyList<string> Problems) Parse(IQueryCollection query)
    {
        var problems = new List<string>();
        var statuses = query["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var status in statuses.Where(s => !Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out _)))
        {
            problems.Add($"status: '{status}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
        }

        var from = Date(query, "createdFrom", problems);
        var to = Date(query, "createdTo", problems);
        var top = 50;
        if (query.TryGetValue("top", out var topText) && (!int.TryParse(topText, CultureInfo.InvariantCulture, out top) || top is < 1 or > 500))
        {
            problems.Add("top: a whole number from 1 to 500.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var normalized = statuses.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true).ToString()).ToList();
        var prefix = query["prefix"].ToString();
        var token = query["continuationToken"].ToString();
        return (new RunListQuery(
            normalized.Count == 0 ? null : normalized,
            from,
            to,
            prefix.Length == 0 ? null : prefix,
            top,
            token.Length == 0 ? null : token), problems);
    }

    private static DateTimeOffset? Date(IQueryCollection query, string key, List<string> problems)
    {
        if (!query.TryGetValue(key, out var text) || text.ToString().Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        problems.Add($"{key}: '{text}' is not an ISO-8601 date, e.g. 2026-11-30T00:00:00Z.");
        return null;
    }
}
