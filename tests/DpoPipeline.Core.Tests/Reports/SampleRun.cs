using System.Globalization;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.Reports;

namespace DpoPipeline.Core.Tests.Reports;

/// <summary>Report data of a finished run: real step metrics from a result CSV, an evaluation with known counts.</summary>
internal static class SampleRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static string MetricsCsvPath => Path.Combine(AppContext.BaseDirectory, "data", "reports", "openai-ft-results-sft-function-calling.csv");

    /// <summary>Reads the result CSV (step, train_loss, train_accuracy, valid_loss, valid_mean_token_accuracy), as the lead's mapping would.</summary>
    public static IReadOnlyList<TrainingStepMetrics> ReadMetricsCsv() =>
        File.ReadLines(MetricsCsvPath).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split(',');
            return new TrainingStepMetrics(int.Parse(cells[0], CultureInfo.InvariantCulture), Number(cells[1]), Number(cells[3]), Number(cells[2]), Number(cells[4]));
        }).ToList();

    /// <summary>
    /// The CSV's train metrics plus a validation loss every 10 steps. The recorded job had no validation file, so the
    /// validation value is derived: the mean train loss of the 10 steps before it.
    /// </summary>
    public static IReadOnlyList<TrainingStepMetrics> MetricsWithValidation()
    {
        var rows = ReadMetricsCsv();
        return rows.Select((row, i) => row.Step % 10 == 0
            ? row with { ValidationLoss = rows.Skip(Math.Max(0, i - 9)).Take(10).Average(r => r.TrainLoss) }
            : row).ToList();
    }

    public static EvaluationResult Evaluation(ComparisonSummary similarity, ComparisonSummary? judge) => new()
    {
        BaseDeployment = "gpt-4.1-mini-base",
        FineTunedDeployment = "dpo-run-42",
        JudgeDeployment = judge is null ? null : "gpt-4.1-judge",
        PairCount = 10,
        LexicalProxy = similarity,
        Judge = judge,
        PerCategory =
        [
            new CategoryResult("science", 6, new ComparisonSummary(4, 1, 1), judge is null ? null : new ComparisonSummary(5, 0, 1)),
            new CategoryResult("society", 4, new ComparisonSummary(1, 2, 1), judge is null ? null : new ComparisonSummary(2, 1, 1)),
        ],
        BaseLabels = new LabelDistribution(2, 6, 2),
        FineTunedLabels = new LabelDistribution(7, 1, 2),
        Failures = [new EvaluationFailure(3, EvaluationStage.Judge, "FormatException: judge said | maybe\nlater")],
        Usage = new EvaluationUsage(new TokenUsage(1_000, 400), new TokenUsage(1_000, 380), new TokenUsage(9_000, 40)),
        Duration = TimeSpan.FromSeconds(95),
        Pairs =
        [
            new PairEvaluation
            {
                Index = 0,
                Prompt = "Is humanity capable of colonizing Mars?",
                BaseAnswer = "The challenges are insurmountable.",
                FineTunedAnswer = "With collaboration, Mars colonization is within our reach. " + new string('x', 200),
                BaseScore = new LexicalProxyScore(0.1, 0.7, AnswerLabel.NonPreferredLike),
                FineTunedScore = new LexicalProxyScore(0.8, 0.1, AnswerLabel.PreferredLike),
                LexicalProxyOutcome = PairOutcome.Win,
            },
            new PairEvaluation { Index = 3, Prompt = "Will AI lead to mass unemployment?", BaseAnswer = "Maybe." },
        ],
    };

    public static RunReportData Data() => new()
    {
        RunId = "run-42",
        DatasetName = "azure-gpt4o-dpo-train-200.jsonl",
        BaseModel = "gpt-4.1-mini-2025-04-14",
        FineTunedModel = "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef",
        Deployment = "dpo-run-42",
        JobId = "ftjob-0123456789abcdef",
        Outcome = "Completed",
        GeneratedAt = Start.AddHours(7).AddMinutes(30),
        Timeline =
        [
            new RunPhaseEntry("Preparing", Start),
            new RunPhaseEntry("Training", Start.AddMinutes(12)),
            new RunPhaseEntry("Deploying", Start.AddHours(5).AddMinutes(12)),
            new RunPhaseEntry("Evaluating", Start.AddHours(7)),
            new RunPhaseEntry("Completed", Start.AddHours(7).AddMinutes(30)),
        ],
        Cost = new RunCostSummary(120_000, 131_250, 4.80m),
        TrainingMetrics = TrainingMetricsSeries.From(MetricsWithValidation()),
        Evaluation = Evaluation(new ComparisonSummary(5, 3, 2), new ComparisonSummary(7, 1, 2)),
        TokenHistograms =
        [
            new TokenHistogram("prompt", [new HistogramBin(0, 16, 40), new HistogramBin(16, 32, 120), new HistogramBin(32, 48, 40)]),
            new TokenHistogram("chosen", [new HistogramBin(0, 16, 10), new HistogramBin(16, 32, 150), new HistogramBin(32, 48, 40)]),
            new TokenHistogram("rejected", [new HistogramBin(0, 16, 60), new HistogramBin(16, 32, 130), new HistogramBin(32, 48, 10)]),
        ],
        Warnings = [new RunReportIssue("duplicate_rows", "3 duplicate examples were removed.")],
    };

    private static double? Number(string cell) => cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture);
}
