using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>
/// The models the emulator knows: catalogue models (fine-tunable or inference only) and the fine-tuned models of its
/// succeeded jobs, each with the lineage that decides how its deployments answer.
/// </summary>
internal static class ModelCatalog
{
    /// <summary>The succeeded, not deleted job whose fine-tuned model is <paramref name="model"/>.</summary>
    public static StoredJob? FineTuned(EmulatorStore state, IReadOnlyDictionary<string, JobProgress> progress, string model) =>
        state.Jobs.FirstOrDefault(j => j.DeletedAt is null
            && string.Equals(j.FineTunedModelName, model, StringComparison.OrdinalIgnoreCase)
            && progress.TryGetValue(j.Id, out var p) && p.Status == JobStatus.Succeeded);

    /// <summary>What a job's model is: SFT, DPO, or DPO trained on top of an SFT model.</summary>
    public static EmulatedModelKind KindOf(EmulatorStore state, StoredJob? job, IReadOnlyDictionary<string, JobProgress> progress)
    {
        if (job is null)
        {
            return EmulatedModelKind.Base;
        }

        if (job.Method != StoredJob.DpoMethod)
        {
            return EmulatedModelKind.Sft;
        }

        return FineTuned(state, progress, job.Model) is { } parent && KindOf(state, parent, progress) is EmulatedModelKind.Sft
            ? EmulatedModelKind.SftDpo
            : EmulatedModelKind.Dpo;
    }
}
