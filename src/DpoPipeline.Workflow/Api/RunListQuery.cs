namespace DpoPipeline.Workflow.Api;

/// <summary>Filters for listing runs; all optional.</summary>
/// <param name="RuntimeStatuses">Durable statuses to keep, e.g. Running, Completed.</param>
/// <param name="ContinuationToken">From the previous page's answer.</param>
public sealed record RunListQuery(
    IReadOnlyList<string>? RuntimeStatuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? IdPrefix = null,
    int PageSize = 50,
    string? ContinuationToken = null);
