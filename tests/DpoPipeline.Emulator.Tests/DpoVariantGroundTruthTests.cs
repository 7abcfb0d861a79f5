using System.Globalization;
using DpoPipeline.Emulator.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>What makes a sweep's variants differ measurably: ground truth and loss curves by the job's hyperparameters.</summary>
public sealed class DpoVariantGroundTruthTests
{
    [Fact(Timeout = 60_000)]
    public async Task Build_FromCommandLine_BindsDpoModelsByBetaAndByHyperparameters()
    {
        await using var app = EmulatorServer.Build(
            ["--port", "0", "--Emulator:Models:DpoByBeta:0.2=0.95", "--Emulator:Models:DpoVariants:0:Beta=0.05",
             "--Emulator:Models:DpoVariants:0:LearningRateMultiplier=0.5", "--Emulator:Models:DpoVariants:0:PreferenceRate=0.3"]);
        var models = app.Services.GetRequiredService<EmulatorOptions>().Models;

        Assert.Equal(0.95, models.DpoByBeta["0.2"]);
        Assert.Equal((0.05, 0.5, 0.3), (models.DpoVariants[0].Beta, models.DpoVariants[0].LearningRateMultiplier, models.DpoVariants[0].PreferenceRate));
        Assert.Equal(0.95, models.For("x", EmulatedModelKind.Dpo, (0.2, 1, 3)).PreferenceRate);
        Assert.Equal(0.3, models.For("x", EmulatedModelKind.Dpo, (0.05, 0.5, 2)).PreferenceRate);
        Assert.Equal(0.8, models.For("x", EmulatedModelKind.Dpo, (0.05, 1, 2)).PreferenceRate);
        Assert.Equal(0.5, models.For("x", EmulatedModelKind.Base, (0.2, 1, 3)).PreferenceRate);
    }

    [Fact(Timeout = 60_000)]
    public void Validate_ABetaKeyThatIsNoNumber_IsRefused()
    {
        var options = new EmulatorOptions();
        options.Models.DpoByBeta["high"] = 0.9;

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Contains("Models:DpoByBeta:high: the key must be a beta", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task DeploymentOfADpoModel_AnswersAtTheRateConfiguredForItsJobsBeta()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Models.DpoByBeta["0.3"] = 1);
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, ""","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":1,"beta":0.3}}}""")).GetProperty("id").GetString()!;
        var model = (await session.AdvanceUntilJobStatusAsync(id, "succeeded")).GetProperty("fine_tuned_model").GetString()!;
        await ChatCompletionTests.DeployAndWaitAsync(session, "beta-03", model);

        foreach (var (prompt, preferred, _) in (await ChatCompletionTests.PairsAsync()).Take(20))
        {
            Assert.Equal(preferred, ChatCompletionTests.Content(await ChatCompletionTests.AskAsync(session, "beta-03", prompt)));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ResultsCsv_FinalValidationLoss_IsLowestAtTheSweetSpotAndTheSameForTheSameHyperparameters()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var finals = new Dictionary<string, List<double>>();
        foreach (var beta in new[] { "0.05", "0.1", "0.1", "0.4" })
        {
            var job = await session.CreateJobAsync(
                file, ",\"validation_file\":\"" + file + "\",\"method\":{\"type\":\"dpo\",\"dpo\":{\"hyperparameters\":{\"n_epochs\":1,\"beta\":" + beta + "}}}");
            var done = await session.AdvanceUntilJobStatusAsync(job.GetProperty("id").GetString()!, "succeeded");
            var csv = await session.Http.GetStringAsync(
                $"openai/v1/files/{done.GetProperty("result_files")[0].GetString()}/content", TestContext.Current.CancellationToken);
            var last = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',');
            finals.TryAdd(beta, []);
            finals[beta].Add(double.Parse(last[4], CultureInfo.InvariantCulture));
        }

        Assert.True(finals["0.1"].Max() < finals["0.05"][0] && finals["0.05"][0] < finals["0.4"][0], string.Join("; ", finals.Select(f => $"{f.Key}: {string.Join(",", f.Value)}")));
        Assert.InRange(Math.Abs(finals["0.1"][0] - finals["0.1"][1]), 0, 0.03);
        Assert.Equal(0, StepMetrics.Penalty(new JobPlan(3, 1, 1, 0.1, 10)));
    }
}
