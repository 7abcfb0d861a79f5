using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

public sealed record JobControlInput(string JobId, JobControlAction Action);
