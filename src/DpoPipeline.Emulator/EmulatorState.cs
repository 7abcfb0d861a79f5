using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator;

/// <summary>Read-only view of what the emulator holds, evaluated at the emulator's current time (for test assertions).</summary>
public sealed class EmulatorState
{
    private readonly EmulatorRuntime runtime;

    internal EmulatorState(EmulatorRuntime runtime) => this.runtime = runtime;

    public EmulatorCounterValues Counters => runtime.Store.Counters.Values;

    public int FilesUploaded => Counters.FilesUploaded;

    public int JobsCreated => Counters.JobsCreated;

    public int DeploymentsCreated => Counters.DeploymentsCreated;

    public int FaultsInjected => Counters.FaultsInjected;

    /// <summary>Uploaded files, deleted ones included (see <see cref="EmulatorFileView.Deleted"/>).</summary>
    public IReadOnlyList<EmulatorFileView> Files
    {
        get
        {
            var now = runtime.Now;
            return runtime.Store.Read(state => state.Files
                .Select(f =>
                {
                    var status = FileLifecycle.StatusOf(f, runtime.Options, now);
                    var details = status == FileLifecycle.Error ? FileLifecycle.StatusDetails(f.ValidationError!) : null;
                    return new EmulatorFileView(f.Id, f.Filename, f.Purpose, f.Bytes, status, details, f.Deleted);
                })
                .ToList());
        }
    }

    /// <summary>Jobs in creation order, deleted ones included.</summary>
    public IReadOnlyList<EmulatorJobView> Jobs
    {
        get
        {
            var now = runtime.Now;
            return runtime.Store.Read(state =>
            {
                var progress = runtime.Progress(state, now);
                return state.Jobs
                    .Select(j =>
                    {
                        var p = progress[j.Id];
                        return new EmulatorJobView(
                            j.Id, p.Status, j.Model, j.Suffix, j.Metadata, p.Status == JobStatus.Succeeded ? j.FineTunedModelName : null, p.StepsDone, p.Plan.TotalSteps, j.DeletedAt is not null);
                    })
                    .ToList();
            });
        }
    }

    public IReadOnlyList<EmulatorDeploymentView> Deployments
    {
        get
        {
            var now = runtime.Now;
            return runtime.Store.Read(state => state.Deployments
                .OrderBy(d => d.CreatedAt)
                .Select(d => new EmulatorDeploymentView(
                    d.Key.Subscription,
                    d.Key.ResourceGroup,
                    d.Key.Account,
                    d.Key.Name,
                    DeploymentLifecycle.StateOf(d, runtime.Options, now),
                    d.ModelName,
                    d.SkuName,
                    d.Capacity,
                    d.Tags ?? new Dictionary<string, string>(),
                    DeploymentLifecycle.IsServing(d, runtime.Options, now)))
                .ToList());
        }
    }
}
