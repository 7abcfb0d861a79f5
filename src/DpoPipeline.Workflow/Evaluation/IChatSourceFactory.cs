using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Workflow.Evaluation;

/// <summary>Builds a chat source for a deployment on the configured account (with the same credential as the other clients).</summary>
public interface IChatSourceFactory
{
    IChatAnswerSource Create(string deployment);
}
