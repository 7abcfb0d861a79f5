using Azure.Core;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace DpoPipeline.Core.Tests.Http;

public sealed class AzureClientsServiceCollectionExtensionsTests
{
    [Fact]
    public void App_settings_bind_to_both_clients()
    {
        using var provider = Provider(new()
        {
            ["OpenAI:Endpoint"] = "https://my-account.openai.azure.com/",
            ["OpenAI:Retry:MaxRetries"] = "2",
            ["Arm:SubscriptionId"] = "00000000-0000-0000-0000-000000000001",
            ["Arm:ResourceGroup"] = "rg-dpo",
            ["Arm:AccountName"] = "my-account",
        });

        Assert.NotNull(provider.GetRequiredService<FineTuningServiceClient>());
        Assert.NotNull(provider.GetRequiredService<DeploymentServiceClient>());
        var arm = provider.GetRequiredService<IOptions<ArmOptions>>().Value;
        Assert.Equal("2025-06-01", arm.ApiVersion);
        Assert.Equal(
            new Uri("https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dpo/providers/Microsoft.CognitiveServices/accounts/my-account/deployments/"),
            arm.DeploymentsUri);
        Assert.Equal(2, provider.GetRequiredService<IOptions<FineTuningClientOptions>>().Value.Retry.MaxRetries);
    }

    [Fact]
    public void Missing_arm_settings_are_named_when_the_client_is_resolved()
    {
        using var provider = Provider(new() { ["Arm:SubscriptionId"] = "sub" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<DeploymentServiceClient>());

        Assert.Equal("Deployment settings missing: Arm:ResourceGroup, Arm:AccountName.", error.Message);
    }

    [Fact]
    public void A_plain_http_endpoint_outside_loopback_is_refused()
    {
        using var provider = Provider(new() { ["OpenAI:Endpoint"] = "http://my-account.openai.azure.com/" });

        Assert.Contains("OpenAI:Endpoint", Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FineTuningServiceClient>()).Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(new StaticTokenCredential());
        return services.AddDpoAzureClients(configuration).BuildServiceProvider();
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("test-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
