namespace DpoPipeline.Emulator.State;

/// <summary>How many things the emulator was asked to create, so tests can prove nothing was created twice.</summary>
internal sealed class EmulatorCounters
{
    private int filesUploaded;
    private int jobsCreated;
    private int deploymentsCreated;
    private int faultsInjected;
    private int requests;

    public int FilesUploaded => Volatile.Read(ref filesUploaded);

    public int JobsCreated => Volatile.Read(ref jobsCreated);

    public int DeploymentsCreated => Volatile.Read(ref deploymentsCreated);

    public int FaultsInjected => Volatile.Read(ref faultsInjected);

    public int Requests => Volatile.Read(ref requests);

    public void FileUploaded() => Interlocked.Increment(ref filesUploaded);

    public void JobCreated() => Interlocked.Increment(ref jobsCreated);

    public void DeploymentCreated() => Interlocked.Increment(ref deploymentsCreated);

    public void FaultInjected() => Interlocked.Increment(ref faultsInjected);

    public void RequestReceived() => Interlocked.Increment(ref requests);

    public EmulatorCounterValues Values => new(FilesUploaded, JobsCreated, DeploymentsCreated, FaultsInjected, Requests);

    public void Restore(EmulatorCounterValues values)
    {
        filesUploaded = values.FilesUploaded;
        jobsCreated = values.JobsCreated;
        deploymentsCreated = values.DeploymentsCreated;
        faultsInjected = values.FaultsInjected;
        requests = values.Requests;
    }
}
