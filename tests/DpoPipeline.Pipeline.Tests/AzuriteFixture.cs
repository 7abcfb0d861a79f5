using DpoPipeline.Local.Azurite;

[assembly: AssemblyFixture(typeof(DpoPipeline.Pipeline.Tests.AzuriteFixture))]

namespace DpoPipeline.Pipeline.Tests;

/// <summary>One Azurite for the whole assembly: it takes seconds to start; tests keep apart by container and task hub names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await AzuriteServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
