namespace DpoPipeline.Infra.Tests;

/// <summary>A setting found in the built code, and where (for messages).</summary>
internal sealed record CodeSetting(string Name, SettingReader Reader, string Source);
