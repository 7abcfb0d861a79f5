namespace DpoPipeline.Core.Datasets;

/// <summary>One DPO example in the service's terms: the conversation so far, the preferred and the non-preferred reply.</summary>
public sealed record PreferenceExample(IReadOnlyList<ChatMessage> Input, ChatMessage Preferred, ChatMessage NonPreferred);
