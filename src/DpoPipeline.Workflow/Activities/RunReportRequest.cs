using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

public sealed record RunReportRequest(RunRequest Request, PreparedDataset Prepared, RunStatus Status);
