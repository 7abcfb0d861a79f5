namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>Real DPO examples (tests/data/evaluation, Azure's DPO sample) to upload, and a file the service rejects.</summary>
internal static class DpoData
{
    public static string TrainingFile { get; } = Path.Combine(AppContext.BaseDirectory, "data", "evaluation", "azure-gpt4o-dpo-train-200.jsonl");

    public static FileStream OpenTraining() => File.OpenRead(TrainingFile);

    public static MemoryStream Invalid() => new("this is not json\n"u8.ToArray());
}
