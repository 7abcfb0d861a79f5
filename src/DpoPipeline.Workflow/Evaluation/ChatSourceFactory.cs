using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Evaluation;

/// <summary>Chat sources on the configured Azure OpenAI account, authenticated like the fine-tuning client.</summary>
public sealed class ChatSourceFactory(AzureClientFactory clients, IOptions<FineTuningClientOptions> options) : IChatSourceFactory
{
    public IChatAnswerSource Create(string deployment) =>
        new ChatClientAnswerSource(clients.CreateChatClient(options.Value, deployment));
}
