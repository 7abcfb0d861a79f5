namespace DpoPipeline.Emulator.State;

/// <summary>
/// The emulator's facts (files, jobs, deployments) behind one lock. Statuses are not stored: they are derived from
/// these facts and the clock, so advancing a fake clock moves every lifecycle. Collections are only read inside
/// <see cref="Read{T}"/> or <see cref="Update{T}"/>; every update is persisted when a folder is configured.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, StoredFile> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> contents = new(StringComparer.Ordinal);
    private readonly List<StoredJob> jobs = [];
    private readonly Dictionary<DeploymentKey, StoredDeployment> deployments = [];
    private readonly HashSet<string> deletedResultFiles = new(StringComparer.Ordinal);
    private readonly StatePersistence? persistence;

    public EmulatorStore(EmulatorCounters counters, StatePersistence? persistence)
    {
        Counters = counters;
        this.persistence = persistence;
        if (persistence?.Load() is { } snapshot)
        {
            Restore(snapshot, persistence);
        }
    }

    public EmulatorCounters Counters { get; }

    /// <summary>Files in upload order, including deleted ones.</summary>
    public IEnumerable<StoredFile> Files => files.Values.OrderBy(f => f.CreatedAt);

    /// <summary>Jobs in creation order, including deleted ones (they still held the running slot while they ran).</summary>
    public IReadOnlyList<StoredJob> Jobs => jobs;

    public IEnumerable<StoredDeployment> Deployments => deployments.Values;

    public T Read<T>(Func<EmulatorStore, T> read)
    {
        lock (sync)
        {
            return read(this);
        }
    }

    public T Update<T>(Func<EmulatorStore, T> update)
    {
        lock (sync)
        {
            var result = update(this);
            persistence?.Save(Snapshot());
            return result;
        }
    }

    public StoredFile? FindFile(string id) => files.GetValueOrDefault(id);

    public byte[]? FileContent(string id) => contents.GetValueOrDefault(id);

    public void AddFile(StoredFile file, byte[] content)
    {
        persistence?.SaveContent(file.Id, content);
        files[file.Id] = file;
        contents[file.Id] = content;
    }

    public void ReplaceFile(StoredFile file) => files[file.Id] = file;

    public bool IsResultFileDeleted(string id) => deletedResultFiles.Contains(id);

    public bool DeleteResultFile(string id) => deletedResultFiles.Add(id);

    public StoredJob? FindJob(string id) => jobs.Find(j => j.Id == id && j.DeletedAt is null);

    public void AddJob(StoredJob job) => jobs.Add(job);

    public void ReplaceJob(StoredJob job) => jobs[jobs.FindIndex(j => j.Id == job.Id)] = job;

    public StoredDeployment? FindDeployment(DeploymentKey key) => deployments.GetValueOrDefault(key);

    public void PutDeployment(StoredDeployment deployment) => deployments[deployment.Key] = deployment;

    public bool RemoveDeployment(DeploymentKey key) => deployments.Remove(key);

    private EmulatorSnapshot Snapshot() =>
        new(EmulatorSnapshot.CurrentVersion, [.. Files], [.. jobs], [.. deployments.Values], [.. deletedResultFiles], Counters.Values);

    private void Restore(EmulatorSnapshot snapshot, StatePersistence source)
    {
        foreach (var file in snapshot.Files)
        {
            files[file.Id] = file;
            contents[file.Id] = source.LoadContent(file.Id) ?? [];
        }

        jobs.AddRange(snapshot.Jobs);
        foreach (var deployment in snapshot.Deployments)
        {
            deployments[deployment.Key] = deployment;
        }

        deletedResultFiles.UnionWith(snapshot.DeletedResultFiles);
        Counters.Restore(snapshot.Counters);
    }
}
