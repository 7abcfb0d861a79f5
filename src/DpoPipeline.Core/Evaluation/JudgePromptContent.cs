namespace DpoPipeline.Core.Evaluation;

/// <summary>What a judge prompt asks about: the conversation's last user message and the candidates shown as A and B.</summary>
public sealed record JudgePromptContent(string LastUserMessage, string CandidateA, string CandidateB);
