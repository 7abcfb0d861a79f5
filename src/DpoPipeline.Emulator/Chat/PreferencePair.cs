namespace DpoPipeline.Emulator.Chat;

/// <summary>A prompt (the last user message) and its chosen and rejected reply, from an uploaded DPO file.</summary>
internal sealed record PreferencePair(string Prompt, string Chosen, string Rejected);
