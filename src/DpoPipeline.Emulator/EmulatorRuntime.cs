using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator;

/// <summary>What every route needs: the options, the store and the current instant.</summary>
internal sealed class EmulatorRuntime(EmulatorOptions options, EmulatorStore store)
{
    public EmulatorOptions Options { get; } = options;

    public EmulatorStore Store { get; } = store;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Every job's progress at <paramref name="now"/>; call inside a store lock.</summary>
    public IReadOnlyDictionary<string, JobProgress> Progress(EmulatorStore state, DateTimeOffset now) =>
        JobSchedule.Compute(state.Jobs, Options, now);

    /// <summary>The job whose results file has this id, when that file exists at <paramref name="now"/> and was not deleted.</summary>
    public (StoredJob Job, JobProgress Progress)? FindResultFile(EmulatorStore state, string fileId, DateTimeOffset now)
    {
        if (state.IsResultFileDeleted(fileId))
        {
            return null;
        }

        var progress = Progress(state, now);
        var job = state.Jobs.FirstOrDefault(j => j.ResultFileId == fileId && progress[j.Id].HasResultFile);
        return job is null ? null : (job, progress[job.Id]);
    }
}
