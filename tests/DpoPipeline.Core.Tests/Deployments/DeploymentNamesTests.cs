using DpoPipeline.Core.Deployments;
using Xunit;

namespace DpoPipeline.Core.Tests.Deployments;

public sealed class DeploymentNamesTests
{
    [Fact]
    public void A_clean_run_id_gives_a_readable_name() => Assert.Equal("dpo-run-42", DeploymentNames.ForRun("run-42"));

    [Theory]
    [InlineData("Run 42 / Retry")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e-0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("ÄÖÜ")]
    public void Any_run_id_gives_a_deterministic_valid_arm_name(string runId)
    {
        var name = DeploymentNames.ForRun(runId);

        Assert.Equal(name, DeploymentNames.ForRun(runId));
        Assert.InRange(name.Length, 2, 64);
        Assert.Matches("^[a-z0-9][a-z0-9-]*$", name);
    }

    [Fact]
    public void Run_ids_that_differ_only_in_case_get_different_names() =>
        Assert.NotEqual(DeploymentNames.ForRun("Run-A"), DeploymentNames.ForRun("run-a"));
}
