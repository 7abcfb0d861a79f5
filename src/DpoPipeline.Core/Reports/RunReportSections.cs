using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Reports;

/// <summary>Decides what the report says, once, for both output formats.</summary>
internal static class RunReportSections
{
    // Enough failures to see the pattern without burying the report.
    private const int MaxFailuresListed = 20;

    // A few side-by-side answers make the numbers concrete, as in the seed notebooks.
    private const int SampleAnswers = 5;
    private const int SampleTextLength = 160;

    public static IReadOnlyList<ReportSection> Build(RunReportData data, RunReportChartSet charts)
    {
        var sections = new List<ReportSection> { Summary(data) };
        if (data.Sweep is { } sweep)
        {
            sections.Add(Sweep(sweep, charts.SweepLossCurves));
        }

        sections.Add(Evaluation(data.Evaluation, charts.LabelDistribution));
        if (data.StageComparison is { } stages)
        {
            sections.Add(Stages(stages));
        }
        if (data.Evaluation?.Pairs.Any(HasBothAnswers) == true)
        {
            sections.Add(Samples(data.Evaluation.Pairs));
        }

        sections.Add(Training(data.TrainingMetrics, charts.LossCurves));
        sections.Add(Dataset(data.TokenHistograms, charts.TokenLengths));
        sections.Add(Timeline(data, charts.Timeline));
        sections.Add(Cost(data.Cost, data.Evaluation, charts.Cost));
        if (data.Errors.Count + data.Warnings.Count > 0)
        {
            sections.Add(Issues(data));
        }

        return sections;
    }

    private static ReportSection Summary(RunReportData data)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row("Run", data.RunId),
            Row("Service", data.Service is { } service ? $"{ServiceName(service)} ({service.Host})" : "not recorded"),
            Row("Dataset", data.DatasetName),
            Row("Base model", data.BaseModelNote is { } note ? $"{data.BaseModel} ({note})" : data.BaseModel),
            Row("Fine-tuned model", data.FineTunedModel ?? "n/a"),
            Row("Deployment", data.Deployment ?? "n/a"),
            Row("Fine-tuning job", data.JobId ?? "n/a"),
        };
        if (data.SftJobId is not null)
        {
            rows.Add(Row("SFT job (stage 1)", data.SftJobId));
            rows.Add(Row("SFT model (not deployed)", data.SftModel ?? "n/a"));
        }

        rows.AddRange(new[]
        {
            Row("Outcome", data.Outcome ?? "n/a"),
            Row("Report generated", ReportFormat.Timestamp(data.GeneratedAt)),
        });
        var blocks = new List<ReportBlock> { new ReportTable(["Item", "Value"], rows) };
        if (data.Evaluation is { } evaluation)
        {
            blocks.Insert(0, new ReportParagraph(Headline(evaluation)));
        }

        if (data.Service?.IsEmulated == true || data.Evaluation?.Provenance?.IsEmulated == true)
        {
            blocks.Insert(0, new ReportBanner(EmulationNotice.Title, EmulationNotice.Text));
        }

        return new ReportSection("Summary", blocks);
    }

    private static ReportSection Sweep(SweepReport sweep, ReportChart? chart)
    {
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"Winner: {sweep.Decision}"),
            new ReportParagraph($"Rule: {sweep.Rule}. Every variant was compared with the same base deployment on the same held-out pairs, by the same judge and seed; each was measured on a short-lived deployment deleted right after, and only the winner was deployed for the TTL."),
            new ReportTable(
                ["Variant", "Hyperparameters", "Outcome", "Trained tokens", "Final train loss", "Final validation loss", "Win rate vs base", "95% CI", "Measured by", "Estimated cost"],
                sweep.Variants.Select(v => Row(
                    v.Winner ? $"v{v.Index} (winner)" : $"v{v.Index}",
                    v.Label,
                    v.Error is null ? v.State : $"{v.State}: {v.Error}",
                    ReportFormat.Tokens(v.TrainedTokens),
                    ReportFormat.Decimal(v.FinalTrainLoss),
                    ReportFormat.Decimal(v.FinalValidationLoss),
                    ReportFormat.Percent(v.WinRate),
                    v.WinRateLow is { } low && v.WinRateHigh is { } high ? $"{ReportFormat.Percent(low)} – {ReportFormat.Percent(high)}" : "n/a",
                    SweepProvenance(v),
                    ReportFormat.Usd(v.EstimatedCostUsd))).ToList()),
        };
        if (chart is not null)
        {
            blocks.Add(new ReportImage(chart));
        }

        return new ReportSection("Sweep", blocks);
    }

    private static string SweepProvenance(SweepReportRow row) => row.SampleSize is not { } pairs
        ? "not measured"
        : $"{(row.Emulated ? "EMULATED " : string.Empty)}{row.Service ?? "unknown service"}; {(row.Judge is null ? "lexical proxy" : $"judge {row.Judge}")}; {pairs} pairs";

    private static ReportSection Stages(StageComparison stages) =>
        new(
            "Base, SFT and SFT+DPO",
            [
                new ReportParagraph("Did DPO add anything over SFT? " + stages.Verdict),
                new ReportTable(
                    ["Candidate", "Against", "Method", "Pairs", "Win rate", "95% CI"],
                    [.. stages.Rows.Select(r => Row(
                        r.Candidate, r.Reference, r.Method ?? "n/a", r.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ReportFormat.Percent(r.WinRate), r.Low is { } low && r.High is { } high ? $"{ReportFormat.Percent(low)}–{ReportFormat.Percent(high)}" : "n/a"))]),
                new ReportParagraph("Each row compares two models on the same held-out prompts, as the evaluation above does; the SFT model was deployed only for this comparison and deleted right after."),
            ]);

    private static string ServiceName(EvaluationService service) => service.Kind switch
    {
        EvaluationServiceKind.Emulator => "emulator",
        EvaluationServiceKind.AzureOpenAI => "Azure OpenAI",
        _ => "other service",
    };

    private static string Headline(EvaluationResult evaluation)
    {
        var summary = evaluation.Headline;
        var method = evaluation.Judge is null ? "lexical proxy, not a judgement of quality" : $"judge {evaluation.JudgeDeployment}";
        return summary.WinRate is null
            ? $"No decisive comparison between the fine-tuned and the base model ({method}, {summary.Ties} ties, {evaluation.Failures.Count} failed calls)."
            : $"Fine-tuned win rate vs base: {ReportFormat.Percent(summary.WinRate)} (95% CI {ReportFormat.Interval(summary.WinRateInterval)}; "
              + $"{summary.Wins} wins, {summary.Losses} losses, {summary.Ties} ties by {method}).";
    }

    private static ReportSection Evaluation(EvaluationResult? evaluation, ReportChart? labelChart)
    {
        if (evaluation is null)
        {
            return new ReportSection("Evaluation", [new ReportParagraph("No evaluation was run.")]);
        }

        var blocks = new List<ReportBlock>
        {
            new ReportParagraph(
                $"{evaluation.PairCount} held-out examples asked of {evaluation.BaseDeployment} (base) and {evaluation.FineTunedDeployment} "
                + $"(fine-tuned) in {ReportFormat.Duration(evaluation.Duration)}. Win rate = wins / (wins + losses); ties are counted apart."),
            new ReportParagraph(Provenance(evaluation)),
            new ReportTable(ComparisonHeader("Method"), ComparisonRows(evaluation.LexicalProxy, evaluation.Judge, evaluation.JudgeDeployment)),
        };
        blocks.AddRange(evaluation.Caveats.Select(c => new ReportParagraph("Caveat: " + c)));
        if (evaluation.JudgeCalibration is { } calibration)
        {
            blocks.Add(new ReportTable(
                ["Judge reliability (held-out chosen vs rejected)", "Agreements", "Disagreements", "Ties", "Agreement", "95% CI", "Required"],
                [
                    Row(
                        calibration.IsReliable ? "reliable" : "UNRELIABLE: its win rate is flagged",
                        Count(calibration.Agreements), Count(calibration.Disagreements), Count(calibration.Ties),
                        ReportFormat.Percent(calibration.Agreement), ReportFormat.Interval(calibration.AgreementInterval),
                        ReportFormat.Percent(calibration.MinimumAgreement)),
                ]));
        }

        if (evaluation.Lengths is { } lengths)
        {
            blocks.Add(new ReportTable(
                [$"Answer length ({lengths.Encoding} tokens)", "Answers", "Median", "90th percentile", "Mean"],
                [LengthRow("Base", lengths.Base), LengthRow("Fine-tuned", lengths.FineTuned)]));
        }

        blocks.Add(new ReportParagraph(evaluation.LengthControlled is { } controlled
            ? $"Length-controlled win rate ({controlled.Method}): {ReportFormat.Percent(controlled.WinRate)} (95% CI "
              + $"{ReportFormat.Interval(controlled.Interval)}, {controlled.Pairs} decisive pairs); 100 more tokens in the fine-tuned "
              + $"answer moved the log-odds of a win by {ReportFormat.Decimal(controlled.LogOddsPer100Tokens, 2)}. A win rate far above this "
              + "one is bought with longer answers."
            : "Length-controlled win rate: no estimate (too few decisive pairs, or length separates them completely)."));

        if (evaluation.PerCategory.Count > 0)
        {
            blocks.Add(new ReportTable(
                ["Category", "Examples", "Wins", "Losses", "Ties", "Win rate", "95% CI", "Judge win rate"],
                evaluation.PerCategory.Select(c => (IReadOnlyList<string>)
                [
                    c.Category, Count(c.Pairs), Count(c.LexicalProxy.Wins), Count(c.LexicalProxy.Losses), Count(c.LexicalProxy.Ties),
                    ReportFormat.Percent(c.LexicalProxy.WinRate), ReportFormat.Interval(c.LexicalProxy.WinRateInterval),
                    c.Judge is null ? "n/a" : ReportFormat.Percent(c.Judge.WinRate),
                ]).ToList()));
        }

        blocks.Add(new ReportTable(
            ["Label", "Base", "Fine-tuned"],
            Enum.GetValues<AnswerLabel>().Select(l => Row(
                ReportFormat.LabelName(l), Count(evaluation.BaseLabels[l]), Count(evaluation.FineTunedLabels[l]))).ToList()));
        AddChart(blocks, labelChart);

        blocks.Add(new ReportParagraph($"Failed calls: {evaluation.Failures.Count}."));
        if (evaluation.Failures.Count > 0)
        {
            blocks.Add(new ReportTable(
                ["Example", "Call", "Error"],
                evaluation.Failures.Take(MaxFailuresListed).Select(f => Row(Count(f.PairIndex), f.Stage.ToString(), f.Error)).ToList()));
        }

        return new ReportSection("Evaluation", blocks);
    }

    private static string Provenance(EvaluationResult evaluation)
    {
        if (evaluation.Provenance is not { } p)
        {
            return "Provenance: not recorded (a result written before provenance was).";
        }

        var service = p.Service is { } s ? $"{ServiceName(s)} ({s.Host})" : "an unrecorded service";
        var method = p.Method == EvaluationMethod.Judge
            ? $"LLM judge {p.JudgeDeployment}, rubric {p.RubricVersion}, calibrated on {p.CalibrationSampleSize} held-out pairs"
            : "lexical proxy (no judge configured)";
        return $"Provenance: answers from {service}; headline by {method}; {p.SampleSize} held-out pairs; seed {p.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.";
    }

    private static string[] LengthRow(string model, LengthSummary summary) =>
        [model, Count(summary.Answers), Count(summary.MedianTokens), Count(summary.P90Tokens), ReportFormat.Decimal(summary.MeanTokens, 1)];

    private static ReportSection Samples(IReadOnlyList<PairEvaluation> pairs) =>
        new("Sample answers",
        [
            new ReportTable(
                ["Prompt", "Base answer", "Fine-tuned answer", "Base label", "Fine-tuned label", "Outcome"],
                pairs.Where(HasBothAnswers).Take(SampleAnswers).Select(p => Row(
                    Shorten(p.Prompt),
                    Shorten(p.BaseAnswer!),
                    Shorten(p.FineTunedAnswer!),
                    ReportFormat.LabelName(p.BaseScore!.Label),
                    ReportFormat.LabelName(p.FineTunedScore!.Label),
                    (p.Judge?.Outcome ?? p.LexicalProxyOutcome)?.ToString() ?? "n/a")).ToList()),
        ]);

    private static bool HasBothAnswers(PairEvaluation pair) => pair.BaseScore is not null && pair.FineTunedScore is not null;

    private static string Shorten(string text) =>
        text.Length <= SampleTextLength ? text : string.Concat(text.AsSpan(0, SampleTextLength - 1), "…");

    private static string[] ComparisonHeader(string first) => [first, "Wins", "Losses", "Ties", "Win rate", "95% CI"];

    private static List<IReadOnlyList<string>> ComparisonRows(ComparisonSummary lexicalProxy, ComparisonSummary? judge, string? judgeDeployment)
    {
        var rows = new List<IReadOnlyList<string>> { ComparisonRow("Lexical proxy (wording overlap, not quality)", lexicalProxy) };
        if (judge is not null)
        {
            rows.Add(ComparisonRow($"LLM judge ({judgeDeployment}, position-swapped)", judge));
        }

        return rows;
    }

    private static string[] ComparisonRow(string method, ComparisonSummary s) =>
        [method, Count(s.Wins), Count(s.Losses), Count(s.Ties), ReportFormat.Percent(s.WinRate), ReportFormat.Interval(s.WinRateInterval)];

    private static ReportSection Training(TrainingMetricsSeries? metrics, ReportChart? lossChart)
    {
        if (metrics is null || metrics.Steps.Count == 0)
        {
            return new ReportSection("Training", [new ReportParagraph("No training metrics were reported.")]);
        }

        var best = metrics.BestValidationStep;
        var blocks = new List<ReportBlock>
        {
            new ReportTable(["Metric", "Value"],
            [
                Row("Steps", Count(metrics.Steps[^1].Step)),
                Row("Final train loss", ReportFormat.Decimal(metrics.FinalTrainLoss)),
                Row("Final validation loss", ReportFormat.Decimal(metrics.FinalValidationLoss)),
                Row("Best validation loss", best is null ? "n/a" : $"{ReportFormat.Decimal(best.ValidationLoss)} at step {Count(best.Step)}"),
                Row("Final train accuracy", ReportFormat.Decimal(metrics.FinalTrainAccuracy)),
                Row("Final validation accuracy", ReportFormat.Decimal(metrics.FinalValidationAccuracy)),
            ]),
        };
        AddChart(blocks, lossChart);
        return new ReportSection("Training", blocks);
    }

    private static ReportSection Dataset(IReadOnlyList<TokenHistogram> histograms, ReportChart? chart)
    {
        if (histograms.Count == 0)
        {
            return new ReportSection("Dataset token lengths", [new ReportParagraph("No dataset statistics were recorded.")]);
        }

        var blocks = new List<ReportBlock>
        {
            new ReportTable(
                ["Part", "Examples", "Shortest bin", "Longest bin"],
                histograms.Select(h => Row(
                    h.Name,
                    Count(h.Examples),
                    BinRange(h.Bins.FirstOrDefault(b => b.Count > 0)),
                    BinRange(h.Bins.LastOrDefault(b => b.Count > 0)))).ToList()),
        };
        AddChart(blocks, chart);
        return new ReportSection("Dataset token lengths", blocks);
    }

    private static ReportSection Timeline(RunReportData data, ReportChart? chart)
    {
        var spans = ReportFormat.PhaseSpans(data.Timeline, data.GeneratedAt);
        if (spans.Count == 0)
        {
            return new ReportSection("Timeline", [new ReportParagraph("No timeline was recorded.")]);
        }

        var blocks = new List<ReportBlock>
        {
            new ReportTable(
                ["Phase", "Started", "Duration"],
                spans.Select(s => Row(s.Phase, ReportFormat.Timestamp(s.Start), ReportFormat.Duration(s.Duration))).ToList()),
        };
        AddChart(blocks, chart);
        return new ReportSection("Timeline", blocks);
    }

    private static ReportSection Cost(RunCostSummary? cost, EvaluationResult? evaluation, ReportChart? chart)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (cost is not null)
        {
            rows.Add(Row("Estimated training tokens", ReportFormat.Tokens(cost.EstimatedTrainingTokens)));
            rows.Add(Row("Billed training tokens", cost.BilledTrainingTokens is null ? "not reported" : ReportFormat.Tokens(cost.BilledTrainingTokens)));
            if (cost.BilledTrainingTokens is { } billed && cost.EstimatedTrainingTokens > 0)
            {
                rows.Add(Row("Billed vs estimate", ReportFormat.Percent((double)billed / cost.EstimatedTrainingTokens)));
            }

            rows.Add(Row("Estimated training cost", ReportFormat.Usd(cost.EstimatedUsd)));
            if (cost.EstimatedHostingUsd is { } hosting)
            {
                rows.Add(Row("Estimated hosting for the TTL", ReportFormat.Usd(hosting)));
            }

            if (cost.BudgetLimitUsd is { } budget)
            {
                rows.Add(Row("Budget", ReportFormat.Usd(budget)));
            }

            if (cost.Approval is { } approval)
            {
                rows.Add(Row(
                    approval.Approved ? "Approved over budget" : "Refused",
                    $"by {approval.DecidedBy ?? "unknown"} at {ReportFormat.Timestamp(approval.At)}{(approval.Comment is { Length: > 0 } comment ? $": {comment}" : string.Empty)}"));
            }
        }

        if (evaluation?.Usage is { } evaluationUsage)
        {
            rows.Add(Row("Evaluation input tokens", ReportFormat.Tokens(evaluationUsage.Total.InputTokens)));
            rows.Add(Row("Evaluation output tokens", ReportFormat.Tokens(evaluationUsage.Total.OutputTokens)));
        }

        if (evaluation?.Cost is { } evaluationCost)
        {
            rows.Add(Row("Estimated evaluation cost", $"{ReportFormat.Usd(evaluationCost.EstimatedTotalUsd)} (list prices, an estimate)"));
        }

        if (rows.Count == 0)
        {
            return new ReportSection("Cost", [new ReportParagraph("No cost estimate was recorded.")]);
        }

        var blocks = new List<ReportBlock> { new ReportTable(["Item", "Value"], rows) };
        AddChart(blocks, chart);
        return new ReportSection("Cost", blocks);
    }

    private static ReportSection Issues(RunReportData data) =>
        new("Errors and warnings",
        [
            new ReportTable(
                ["Severity", "Code", "Message"],
                data.Errors.Select(e => Row("error", e.Code, e.Message))
                    .Concat(data.Warnings.Select(w => Row("warning", w.Code, w.Message))).ToList()),
        ]);

    private static void AddChart(List<ReportBlock> blocks, ReportChart? chart)
    {
        if (chart is not null)
        {
            blocks.Add(new ReportImage(chart));
        }
    }

    private static string BinRange(HistogramBin? bin) => bin is null ? "n/a" : $"{Count(bin.From)}–{Count(bin.To)} tokens";

    private static string Count(int value) => ReportFormat.Tokens(value);

    private static IReadOnlyList<string> Row(params string[] cells) => cells;
}
