using DpoPipeline.Core.Http;

namespace DpoPipeline.Core.Deployments;

/// <summary>Deployment names derived from run ids, so that deploying a run twice addresses the same deployment.</summary>
public static class DeploymentNames
{
    public const int MaxLength = 64;

    private const string Prefix = "dpo-";

    /// <summary>A valid ARM deployment name (lowercase [a-z0-9-], ≤ 64 characters), the same for the same run id.</summary>
    public static string ForRun(string runId) =>
        IdentifierSlug.Create(runId, Prefix, MaxLength, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-', lowercase: true);
}
