namespace DpoPipeline.Core.Datasets.Sft;

/// <summary>What checking an SFT (chat <c>messages</c>) file found: its examples, billable tokens and problems.</summary>
/// <param name="Tokens">Billable tokens of one pass, counted as for DPO: 3 per message, content, 3 for the reply priming.</param>
public sealed record SftFileReport(int Examples, long Tokens, IReadOnlyList<ValidationIssue> Issues)
{
    public int ErrorCount => Issues.Count(i => i.Severity == IssueSeverity.Error);

    public bool IsValid => ErrorCount == 0;
}
