namespace DpoPipeline.Workflow.Local;

/// <summary>Where a sub-orchestration reports its end: the parent, the generation that called it and the call's task id.</summary>
internal sealed record LocalParentLink(LocalInstance Parent, int Generation, int TaskId);
