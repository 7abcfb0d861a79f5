using OpenAI.Chat;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Asks a deployment through the OpenAI v1 chat completions API. The caller builds the <see cref="ChatClient"/>
/// (endpoint, Entra ID or key, deployment name as the model), so this class stays free of auth concerns.
/// </summary>
public sealed class ChatClientAnswerSource(ChatClient client, ChatAnswerOptions? options = null) : IChatAnswerSource
{
    private readonly ChatClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly ChatAnswerOptions _options = options ?? new ChatAnswerOptions();

    // The model name a ChatClient was built with is the deployment; OPENAI001 marks the getter experimental only.
#pragma warning disable OPENAI001
    public string Deployment => _client.Model;
#pragma warning restore OPENAI001

    public async Task<ChatAnswer> AskAsync(IReadOnlyList<ChatTurn> messages, long? seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var converted = messages.Select(ToChatMessage).ToList();

        // A fresh options object per call: the SDK writes model and messages into it, so sharing one across
        // concurrent calls is not safe.
        var completionOptions = new ChatCompletionOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokenCount = _options.MaxOutputTokens,
        };
#pragma warning disable OPENAI001 // The SDK marks the seed experimental; the service documents it as best-effort.
        completionOptions.Seed = seed;
#pragma warning restore OPENAI001
        ChatCompletion completion = await _client.CompleteChatAsync(converted, completionOptions, cancellationToken);

        var text = string.Concat(completion.Content
            .Where(part => part.Kind == ChatMessageContentPartKind.Text)
            .Select(part => part.Text));
        if (text.Length == 0 && !string.IsNullOrEmpty(completion.Refusal))
        {
            text = completion.Refusal;
        }

        var usage = completion.Usage is { } u ? new TokenUsage(u.InputTokenCount, u.OutputTokenCount) : TokenUsage.None;
        return new ChatAnswer(text, usage);
    }

    private static ChatMessage ToChatMessage(ChatTurn turn) => turn.Role switch
    {
        "system" => new SystemChatMessage(turn.Content),
        "user" => new UserChatMessage(turn.Content),
        "assistant" => new AssistantChatMessage(turn.Content),
        _ => throw new ArgumentException($"Role '{turn.Role}' cannot be sent to a chat deployment.", nameof(turn)),
    };
}
