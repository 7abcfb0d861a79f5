using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Core.Tests.Http;

public sealed class EndpointSecurityTests
{
    [Theory]
    [InlineData("https://my-account.openai.azure.com/", false)]
    [InlineData("http://127.0.0.1:5010/", true)]
    [InlineData("http://localhost:5010/", true)]
    [InlineData("http://[::1]:5010/", true)]
    public void Https_anywhere_and_plain_http_to_loopback_are_allowed(string url, bool plainLoopback)
    {
        var uri = new Uri(url);

        Assert.Equal(plainLoopback, EndpointSecurity.IsPlainLoopback(uri.Scheme, uri.Host));
    }

    [Theory]
    [InlineData("http://my-account.openai.azure.com/")]
    [InlineData("http://10.0.0.4/")]
    public void Plain_http_to_any_other_host_is_refused(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EndpointSecurity.EnsureAllowed(new Uri(url), "OpenAI:Endpoint"));

        Assert.StartsWith("OpenAI:Endpoint: Refusing to send credentials", error.Message, StringComparison.Ordinal);
    }
}
