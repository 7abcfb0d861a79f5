namespace DpoPipeline.Core.Evaluation;

/// <summary>One chat deployment that can be asked a conversation (the base model, the fine-tuned model or a judge).</summary>
public interface IChatAnswerSource
{
    /// <summary>The deployment's name, as shown in reports.</summary>
    string Deployment { get; }

    /// <summary>Asks the deployment to continue <paramref name="messages"/> and returns its reply.</summary>
    /// <param name="seed">Sent as the request's <c>seed</c>: best-effort repeatability on Azure, the draw of the emulator's models; null sends none.</param>
    Task<ChatAnswer> AskAsync(IReadOnlyList<ChatTurn> messages, long? seed, CancellationToken cancellationToken);

    /// <summary>Asks without a seed.</summary>
    Task<ChatAnswer> AskAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken) => AskAsync(messages, null, cancellationToken);
}
