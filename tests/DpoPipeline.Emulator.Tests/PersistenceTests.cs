using System.Net;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dpo-emulator-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_WithSameFolder_KeepsFilesJobsDeploymentsAndCounters()
    {
        string fileId, jobId;
        var clock = EmulatorSession.Start;
        await using (var first = await EmulatorSession.StartAsync(o => o.PersistenceFolder = folder))
        {
            fileId = await first.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
            jobId = (await first.CreateJobAsync(fileId, ""","metadata":{"dpo_run_id":"run-7"}""")).GetProperty("id").GetString()!;
            using var put = await first.PutJsonAsync(EmulatorSession.DeploymentPath("judge"), EmulatorSession.DeploymentBody("gpt-4.1-mini-2025-04-14", """{"owner":"dpopipeline"}"""));
            clock = first.Clock.GetUtcNow();
        }

        await using var second = await EmulatorSession.StartAsync(o => o.PersistenceFolder = folder);
        second.Clock.SetUtcNow(clock);

        var job = await second.GetJsonAsync($"openai/v1/fine_tuning/jobs/{jobId}");
        Assert.Equal("run-7", job.GetProperty("metadata").GetProperty("dpo_run_id").GetString());
        Assert.Equal("pending", job.GetProperty("status").GetString());
        var content = await second.Http.GetByteArrayAsync($"openai/v1/files/{fileId}/content", TestContext.Current.CancellationToken);
        Assert.Equal(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), content);
        var deployment = await second.GetJsonAsync(EmulatorSession.DeploymentPath("judge"));
        Assert.Equal("dpopipeline", deployment.GetProperty("tags").GetProperty("owner").GetString());
        Assert.Equal(1, second.Emulator.State.JobsCreated);
        Assert.Equal(1, second.Emulator.State.DeploymentsCreated);

        second.Advance(TimeSpan.FromDays(1));
        Assert.Equal("succeeded", (await second.GetJsonAsync($"openai/v1/fine_tuning/jobs/{jobId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Start_WithCorruptStateFile_FailsWithClearErrorAndLeavesTheFile()
    {
        Directory.CreateDirectory(folder);
        var state = Path.Combine(folder, "state.json");
        await File.WriteAllTextAsync(state, "{ not json", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorSession.StartAsync(o => o.PersistenceFolder = folder));

        Assert.Contains(state, error.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(state, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
