using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Tests;

/// <summary>What a run may ask for is bounded by the app settings, which only an admin changes.</summary>
public sealed class RunOptionsResolverTests
{
    private static readonly PipelineOptions Limits = new()
    {
        BudgetLimitUsd = 25m,
        AllowedDeploymentSkus = "developertier, standard",
        MaxDeploymentCapacity = 5,
        MaxDeploymentTtlHours = 48,
    };

    [Fact]
    public void A_run_may_lower_its_budget()
    {
        var options = RunOptionsResolver.Resolve(Limits, new RunOverrides { BudgetLimitUsd = 3m });

        Assert.Equal(3m, options.BudgetLimitUsd);
    }

    [Fact]
    public void Without_a_budget_of_its_own_a_run_is_held_to_the_ceiling()
    {
        Assert.Equal(25m, RunOptionsResolver.Resolve(Limits, null).BudgetLimitUsd);
    }

    [Theory]
    [InlineData("budgetLimitUsd", """{ "budgetLimitUsd": 1000 }""")]
    [InlineData("deploymentSku", """{ "deploymentSku": "globalstandard" }""")]
    [InlineData("deploymentCapacity", """{ "deploymentCapacity": 6 }""")]
    [InlineData("deploymentTtlHours", """{ "deploymentTtlHours": 49 }""")]
    public void A_run_cannot_go_past_what_the_app_settings_allow(string option, string sidecar)
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(Limits, RunOverrides.Parse(sidecar, "sidecar")));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(option + ":", problem, StringComparison.Ordinal);
        Assert.Contains("Pipeline__", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_for_new_versions_is_refused()
    {
        var limits = new PipelineOptions { OnNewVersion = "both" };

        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(limits, null));

        Assert.Contains(error.Problems, p => p.StartsWith("Pipeline:OnNewVersion", StringComparison.Ordinal));
    }
}
