namespace DpoPipeline.Emulator.Chat;

/// <summary>A prompt and the answer a fine-tuned model learned to prefer for it.</summary>
internal sealed record TrainingExample(string Prompt, string PreferredAnswer, IReadOnlySet<string> PromptWords);
