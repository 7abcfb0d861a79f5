using System.Text.RegularExpressions;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>No keys, SAS or connection strings anywhere, and nothing secret in outputs (deployment history shows them).</summary>
public sealed partial class SecretsTemplateTests(InfraBuild infra)
{
    [Fact]
    public void Outputs_OfEveryTemplateAndModule_AreNotSecretOrDerivedFromListFunctions()
    {
        var templates = infra.Main.SelfAndNested().Concat(infra.EventSubscription.SelfAndNested());

        foreach (var (name, output) in templates.SelectMany(template => template.Outputs))
        {
            var type = (string?)output!["type"];
            Assert.False(type is "securestring" or "secureString" or "secureobject" or "secureObject", $"Output {name} is {type}.");
            Assert.DoesNotMatch(ListFunctionCall(), output.ToJsonString());
            Assert.DoesNotMatch(SecretLikeName(), name);
        }
    }

    [Fact]
    public void MainOutputs_DoNotCarryTheApplicationInsightsConnectionString()
    {
        Assert.All(
            infra.Main.Outputs,
            output => Assert.DoesNotContain("ConnectionString", output.Value!.ToJsonString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MainTemplate_CallsNoListFunction_AndHoldsNoKeyMaterial()
    {
        var json = infra.Main.Root.ToJsonString();

        Assert.DoesNotMatch(ListFunctionCall(), json);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EventSubscriptionTemplate_ReadsOnlyTheBlobExtensionKey()
    {
        var calls = ListFunctionCall().Matches(infra.EventSubscription.Root.ToJsonString());

        var call = Assert.Single(calls);
        Assert.Equal("listKeys(", call.Value);
        Assert.Contains(".systemKeys.blobs_extension", infra.EventSubscription.Root.ToJsonString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunctionCall();

    [GeneratedRegex("(?i)key|secret|password|token|connection|sas")]
    private static partial Regex SecretLikeName();
}
