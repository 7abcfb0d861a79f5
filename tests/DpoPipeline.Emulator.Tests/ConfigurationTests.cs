using System.Net;
using System.Text;
using DpoPipeline.Emulator.Validation;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Build_FromCommandLine_BindsShortcutsAndTheEmulatorSection()
    {
        await using var app = EmulatorServer.Build(
            ["--time-scale", "60", "--port", "0", "--Emulator:Quotas:MaxRunningJobs=2", "--Emulator:Durations:DeploymentCreating=00:01:00", "--Emulator:Faults:0:Fault=503", "--Emulator:Faults:0:Count=1",
             "--Emulator:Models:Seed=7", "--Emulator:Models:Dpo:PreferenceRate=0.9", "--Emulator:Models:Dpo:LengthDrift=1.4", "--Emulator:Models:Base:PreferenceRate=0.3",
             "--Emulator:Models:Deployments:my-sft:PreferenceRate=0.6", "--Emulator:Models:Judge:Accuracy=0.85", "--Emulator:Models:Judge:PositionBias=0.1"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var options = app.Services.GetRequiredService<EmulatorOptions>();
        using var client = new HttpClient { BaseAddress = EmulatorServer.ListeningUri(app) };
        client.DefaultRequestHeaders.Add("Authorization", "Bearer t");

        using var first = await client.GetAsync("openai/v1/files", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("openai/v1/files", TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(60, options.TimeScale);
        Assert.Equal(2, options.Quotas.MaxRunningJobs);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Durations.DeploymentCreating);
        Assert.Equal((7L, 0.9, 1.4, 0.3, 0.65), (options.Models.Seed, options.Models.Dpo.PreferenceRate, options.Models.Dpo.LengthDrift, options.Models.Base.PreferenceRate, options.Models.Sft.PreferenceRate));
        Assert.Equal(0.6, options.Models.Deployments["MY-SFT"].PreferenceRate);
        Assert.Equal((0.85, 0.1), (options.Models.Judge.Accuracy, options.Models.Judge.PositionBias));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task TimeScale_DividesEveryDuration()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.TimeScale = 20);
        using var upload = await session.UploadAsync(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), "t.jsonl");
        var id = (await EmulatorSession.ReadJsonAsync(upload)).GetProperty("id").GetString();

        session.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("processed", (await session.GetJsonAsync($"openai/v1/files/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task FileValidator_Replaced_DecidesTheFileOutcome()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.FileValidator = new RejectEverything());
        using var upload = await session.UploadAsync(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), "t.jsonl");
        var id = (await EmulatorSession.ReadJsonAsync(upload)).GetProperty("id").GetString();

        session.Advance(session.Options.Durations.FileProcessing);
        var file = await session.GetJsonAsync($"openai/v1/files/{id}");

        Assert.Equal("error", file.GetProperty("status").GetString());
        Assert.Equal("Validation of jsonl file failed: Line 1: too few examples.", file.GetProperty("status_details").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public async Task Start_WithInvalidTimeScale_Throws(double scale)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { TimeScale = scale }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(1.2, 1.0, 0.9)]
    [InlineData(0.5, 0.8, 0.9)]
    [InlineData(0.5, 1.0, -0.1)]
    public async Task Start_WithInvalidModelSettings_Throws(double preferenceRate, double lengthDrift, double judgeAccuracy)
    {
        var options = new EmulatorOptions();
        (options.Models.Dpo.PreferenceRate, options.Models.Dpo.LengthDrift, options.Models.Judge.Accuracy) = (preferenceRate, lengthDrift, judgeAccuracy);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken));
    }

    private sealed class RejectEverything : IUploadedFileValidator
    {
        public async Task<string?> ValidateAsync(Stream content, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            await reader.ReadToEndAsync(cancellationToken);
            return "Line 1: too few examples.";
        }
    }
}
