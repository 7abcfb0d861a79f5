namespace DpoPipeline.Emulator;

/// <summary>A running emulator; dispose to stop it.</summary>
public sealed class EmulatorHandle : IAsyncDisposable
{
    private readonly WebApplication app;

    internal EmulatorHandle(WebApplication app, Uri baseUri, EmulatorState state)
    {
        this.app = app;
        BaseUri = baseUri;
        State = state;
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:51234/</c> (what a client uses as the account endpoint).</summary>
    public Uri BaseUri { get; }

    /// <summary>Base of the v1 data plane: <c>{BaseUri}openai/v1/</c>.</summary>
    public Uri OpenAIBaseUri => new(BaseUri, "openai/v1/");

    /// <summary>Base for ARM paths (<c>/subscriptions/…</c>), i.e. what replaces https://management.azure.com/.</summary>
    public Uri ArmBaseUri => BaseUri;

    public EmulatorState State { get; }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
