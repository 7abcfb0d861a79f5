using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class EvaluationServiceTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080/", EvaluationServiceKind.Emulator)]
    [InlineData("http://localhost:5080/openai/v1/", EvaluationServiceKind.Emulator)]
    [InlineData("https://my-account.openai.azure.com/", EvaluationServiceKind.AzureOpenAI)]
    [InlineData("https://my-account.cognitiveservices.azure.com/", EvaluationServiceKind.AzureOpenAI)]
    [InlineData("https://my-project.services.ai.azure.com/", EvaluationServiceKind.AzureOpenAI)]
    [InlineData("https://gateway.contoso.com/", EvaluationServiceKind.Other)]
    public void FromEndpoint_TellsTheServiceByItsHost(string endpoint, EvaluationServiceKind expected)
    {
        var service = EvaluationService.FromEndpoint(new Uri(endpoint));

        Assert.Equal(expected, service.Kind);
        Assert.Equal(new Uri(endpoint).Host, service.Host);
        Assert.Equal(expected == EvaluationServiceKind.Emulator, service.IsEmulated);
    }
}
