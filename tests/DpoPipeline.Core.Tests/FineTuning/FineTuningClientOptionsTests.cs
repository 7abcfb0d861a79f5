using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.FineTuning;

public sealed class FineTuningClientOptionsTests
{
    [Theory]
    [InlineData("https://my-account.openai.azure.com/", "https://my-account.openai.azure.com/openai/v1/")]
    [InlineData("https://my-account.openai.azure.com", "https://my-account.openai.azure.com/openai/v1/")]
    [InlineData("https://x.services.ai.azure.com/api/projects/p1", "https://x.services.ai.azure.com/api/projects/p1/openai/v1/")]
    [InlineData("https://my-account.openai.azure.com/openai/v1", "https://my-account.openai.azure.com/openai/v1/")]
    [InlineData("http://127.0.0.1:5010/", "http://127.0.0.1:5010/openai/v1/")]
    public void The_v1_api_root_is_appended_to_the_resource_endpoint(string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), new FineTuningClientOptions { Endpoint = new Uri(endpoint) }.ApiBaseUri);

    [Fact]
    public void A_missing_endpoint_names_the_setting() =>
        Assert.Contains("OpenAI:Endpoint", Assert.Throws<InvalidOperationException>(() => new FineTuningClientOptions().Validate()).Message, StringComparison.Ordinal);
}
