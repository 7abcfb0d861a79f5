namespace DpoPipeline.Core.Evaluation;

/// <summary>One chat deployment that can be asked a conversation (the base model, the fine-tuned model or a judge).</summary>
public interface IChatAnswerSource
{
    /// <summary>The deployment's name, as shown in reports.</summary>
    string Deployment { get; }

    /// <summary>Asks the deployment to continue <paramref name="messages"/> and returns its reply.</summary>
    Task<ChatAnswer> AskAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken);
}
