namespace DpoPipeline.Workflow.Activities;

/// <param name="BaseModel">What the run names: a catalogue model, a fine-tuned model id, or an earlier run's id.</param>
public sealed record BaseModelRequest(string RunId, string BaseModel);
