using DpoPipeline.Core.FineTuning;
using DpoPipeline.Local;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>A retried upload reuses what an earlier attempt stored instead of paying for copies nobody deletes.</summary>
public sealed class IdempotentUploadTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_retried_upload_reuses_the_newest_earlier_copy_and_deletes_the_extra_one()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var service = harness.Pipeline.Services.GetRequiredService<FineTuningServiceClient>();
        var sample = await harness.SampleAsync();
        const string RunId = "dpo-retried-0123456789abcdef";
        var older = await UploadAsync(service, sample, RunFileNames.Training(RunId));
        var newer = await UploadAsync(service, sample, RunFileNames.Training(RunId));
        var upload = harness.Pipeline.Services.GetRequiredService<UploadTrainingFiles>();

        var files = await upload.RunAsync(new UploadFilesRequest(RunId, LocalRunFiles.ToUri(sample), null), TestContext.Current.CancellationToken);

        Assert.Equal(newer, files.TrainingFileId);
        Assert.Null(files.ValidationFileId);
        Assert.Equal(2, harness.Emulator.State.FilesUploaded);
        Assert.True(harness.Emulator.State.Files.Single(f => f.Id == older).Deleted);
        Assert.False(harness.Emulator.State.Files.Single(f => f.Id == newer).Deleted);
    }

    private static async Task<string> UploadAsync(FineTuningServiceClient service, string path, string name)
    {
        await using var content = File.OpenRead(path);
        var id = (await service.UploadFileAsync(content, name, TestContext.Current.CancellationToken)).Id;
        // Created-at has a resolution of a second: the second copy must be newer.
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        return id;
    }
}
