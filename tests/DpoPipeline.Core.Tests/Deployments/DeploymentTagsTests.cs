using DpoPipeline.Core.Deployments;
using Xunit;

namespace DpoPipeline.Core.Tests.Deployments;

public sealed class DeploymentTagsTests
{
    [Fact]
    public void Tags_carry_owner_run_and_utc_expiry_that_read_back()
    {
        var expiry = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1));

        var tags = DeploymentTags.Create("dpopipeline", "run-42", expiry);
        var deployment = new ArmDeployment { Name = "dpo-run-42", Tags = tags };

        Assert.Equal("2026-12-01T08:30:00Z", tags["expires_at"]);
        Assert.Equal("dpopipeline", deployment.Owner);
        Assert.Equal("run-42", deployment.RunId);
        Assert.Equal(expiry, deployment.ExpiresAt);
    }

    [Fact]
    public void An_unreadable_expiry_tag_reads_as_none() => Assert.Null(DeploymentTags.ParseExpiry("next tuesday"));
}
