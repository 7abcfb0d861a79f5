namespace DpoPipeline.Core.Samples;

/// <summary>The datasets embedded in DpoPipeline.Core (licences in Samples/SOURCES.md).</summary>
public static class SampleDatasets
{
    /// <summary>200 Azure-format DPO examples (user prompt only) from HeZhang33/LLM-Fine-Tuning-Azure, MIT.</summary>
    public static SampleDataset Default { get; } = new(
        "azure-gpt4o-dpo-train-200.jsonl",
        "https://github.com/HeZhang33/LLM-Fine-Tuning-Azure (labs/fine_tuning_notebooks/gpt_fine_tuning/gpt4o_generated_qa_dpo_train_200_samples.jsonl)",
        "MIT",
        200);
}
