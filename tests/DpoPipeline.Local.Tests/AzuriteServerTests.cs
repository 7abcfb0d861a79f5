using DpoPipeline.Local.Azurite;

namespace DpoPipeline.Local.Tests;

public sealed class AzuriteServerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-azurite-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 90_000)]
    public async Task Data_in_a_folder_survives_a_restart()
    {
        await using (var first = await AzuriteServer.StartAsync(_folder, TestContext.Current.CancellationToken))
        {
            await UploadAsync(first, "kept");
        }

        await using var second = await AzuriteServer.StartAsync(_folder, TestContext.Current.CancellationToken);

        Assert.Equal("kept", await DownloadAsync(second));
    }

    [Fact(Timeout = 90_000)]
    public async Task An_azurite_left_running_by_a_dead_process_is_closed_with_its_data_saved_before_a_new_one_starts()
    {
        // Never disposed: what a process killed with SIGKILL leaves behind, still holding the folder.
        var orphan = await AzuriteServer.StartAsync(_folder, TestContext.Current.CancellationToken);
        await UploadAsync(orphan, "written just before the crash");

        await using var next = await AzuriteServer.StartAsync(_folder, TestContext.Current.CancellationToken);

        Assert.Equal("written just before the crash", await DownloadAsync(next));
        Assert.NotEqual(orphan.BlobEndpoint, next.BlobEndpoint);
    }

    private static async Task UploadAsync(AzuriteServer server, string text)
    {
        var container = server.CreateBlobServiceClient().GetBlobContainerClient("kept");
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await container.GetBlobClient("note.txt").UploadAsync(BinaryData.FromString(text), overwrite: true, TestContext.Current.CancellationToken);
    }

    private static async Task<string> DownloadAsync(AzuriteServer server)
    {
        var blob = server.CreateBlobServiceClient().GetBlobContainerClient("kept").GetBlobClient("note.txt");
        return (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString();
    }
}
