namespace DpoPipeline.Core.Evaluation;

/// <summary>What kind of service produced the answers.</summary>
public enum EvaluationServiceKind
{
    /// <summary>The local emulator: ground-truth models for testing, never a measurement of a real model.</summary>
    Emulator,

    /// <summary>An Azure OpenAI (or Azure AI Foundry) endpoint.</summary>
    AzureOpenAI,

    /// <summary>Any other endpoint, e.g. a gateway in front of Azure.</summary>
    Other,
}
