namespace DpoPipeline.Emulator.State;

/// <summary>A snapshot of <see cref="EmulatorCounters"/>.</summary>
public sealed record EmulatorCounterValues(int FilesUploaded, int JobsCreated, int DeploymentsCreated, int FaultsInjected, int Requests);
