using DpoPipeline.Contract.Tests.Emulated;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests;

/// <summary>Neither the opt-in API key nor a bearer token ever reaches a log line or an exception message.</summary>
public sealed class SecretHandlingTests
{
    private const string ApiKey = "local-opt-in-key-5c0ffee";

    [Fact]
    public async Task The_api_key_and_the_bearer_token_never_appear_in_logs_or_errors()
    {
        await using var azure = await EmulatedAzure.StartAsync(apiKey: ApiKey);
        var messages = new List<string>();

        var file = await azure.UploadProcessedAsync();
        azure.Faults.Inject("429;retry-after=1", HttpMethod.Get, "/files/");
        await azure.RunAsync(token => azure.FineTuning.GetFileAsync(file.Id, token), TimeSpan.FromMilliseconds(500));
        messages.Add((await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.FineTuning.GetJobAsync("ftjob-missing", TestContext.Current.CancellationToken))).ToString());
        await azure.Deployments.ListAsync(TestContext.Current.CancellationToken);
        azure.Faults.Inject("503", HttpMethod.Get, "/deployments", times: 10);
        messages.Add((await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.RunAsync(token => azure.Deployments.ListAsync(token), TimeSpan.FromSeconds(1)))).ToString());

        var logged = azure.Logs.GetSnapshot();
        Assert.Contains(logged, record => record.Message.Contains("API key (local opt-in)", StringComparison.Ordinal));
        Assert.Contains(logged, record => record.Message.Contains("retry", StringComparison.Ordinal));
        messages.AddRange(logged.Select(record => record.Message + " " + record.Exception));
        messages.AddRange(logged.SelectMany(record => record.StructuredState ?? []).Select(pair => pair.Value ?? string.Empty));
        Assert.All(messages, text =>
        {
            Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(EmulatedAzure.Token, text, StringComparison.Ordinal);
        });
        Assert.True(azure.Credential.Requests > 0);
    }
}
