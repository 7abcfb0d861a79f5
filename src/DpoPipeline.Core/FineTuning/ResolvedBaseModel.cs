namespace DpoPipeline.Core.FineTuning;

/// <summary>The model a run trains from, as the service confirmed it.</summary>
/// <param name="Requested">What the run asked for: a catalogue model, a fine-tuned model id or an earlier run's id.</param>
/// <param name="Model">The model id the job is created from.</param>
/// <param name="Family">The catalogue model at the root of <paramref name="Model"/>: tokenizer, token limit and price.</param>
/// <param name="IsFineTuned">True when <paramref name="Model"/> is itself fine-tuned (continuous fine-tuning).</param>
/// <param name="FromRun">The earlier run whose model this is, when the run was named.</param>
public sealed record ResolvedBaseModel(string Requested, string Model, string Family, bool IsFineTuned, string? FromRun = null);
