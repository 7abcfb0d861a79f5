using DpoPipeline.Local.Azurite;

[assembly: AssemblyFixture(typeof(DpoPipeline.Local.Tests.AzuriteFixture))]

namespace DpoPipeline.Local.Tests;

/// <summary>One in-memory Azurite for the assembly; tests keep apart by task hub and container names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await AzuriteServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
