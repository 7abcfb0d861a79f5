using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// Turns a run's <c>baseModel</c> into a model the service can fine-tune. A catalogue model of the token-profile table
/// needs no look-up; anything else is asked of the service (<c>GET /models/{id}</c>): a model it knows (a fine-tuned id
/// <c>&lt;base&gt;.ft-…</c>, or another catalogue model) must report <c>capabilities.fine_tune</c>; a name it does not
/// know is taken for an earlier run's id and resolved to the model of that run's succeeded DPO job (found by its
/// <c>dpo_run_id</c> tag), then checked the same way. The family comes from the catalogue model at the root of the chain.
/// </summary>
public static class BaseModelResolver
{
    /// <summary>True for a model named in the token-profile table: it is a known catalogue model.</summary>
    public static bool IsCatalogueModel(string model) =>
        ModelTokenProfiles.All.Any(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="BaseModelException">The model is unknown, cannot be fine-tuned, or its family is unknown.</exception>
    public static async Task<ResolvedBaseModel> ResolveAsync(FineTuningServiceClient service, string requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(requested);
        if (IsCatalogueModel(requested))
        {
            return new ResolvedBaseModel(requested, requested, requested, IsFineTuned: false);
        }

        string model = requested;
        string? fromRun = null;
        var found = await service.GetModelAsync(requested, cancellationToken);
        if (found is null && !FineTunedModelId.IsFineTuned(requested))
        {
            // Not a catalogue model and not a fine-tuned id: the id of an earlier run, whose DPO job carries its tag.
            var job = await service.FindRunJobAsync(requested, cancellationToken);
            if (job is not { Status: FineTuningJobStatus.Succeeded, FineTunedModel: { Length: > 0 } trained })
            {
                throw new BaseModelException(
                    job is null ? BaseModelException.NotFound : BaseModelException.RunHasNoModel,
                    job is null
                        ? $"baseModel '{requested}' is neither a catalogue model ({string.Join(", ", ModelTokenProfiles.All.Select(p => p.Model))}), nor a fine-tuned model id (<base>.ft-<id>), nor the id of a run this service has a job of."
                        : $"Run '{requested}' has no fine-tuned model: its job {job.Id} is {job.RawStatus}.");
            }

            model = trained;
            fromRun = requested;
            found = await service.GetModelAsync(model, cancellationToken);
        }

        if (found is null)
        {
            throw new BaseModelException(BaseModelException.NotFound, $"The service does not know the model '{model}'.");
        }

        // Refused only on the service's word: an answer without capabilities (an OpenAI-shaped model object) lets the
        // job's creation have the last word.
        if (found.Capabilities?.FineTune == false)
        {
            throw new BaseModelException(BaseModelException.NotFineTunable, $"The model '{model}' cannot be fine-tuned: the service reports capabilities.fine_tune false.");
        }

        var family = FineTunedModelId.RootOf(found.Model is { Length: > 0 } parent ? FineTunedModelId.RootOf(parent) : model);
        if (!ModelTokenProfiles.TryGet(family, out var profile))
        {
            throw new BaseModelException(BaseModelException.UnknownFamily, $"The model '{model}' descends from '{family}', whose tokenizer and token limit are unknown here.");
        }

        return new ResolvedBaseModel(requested, model, profile.Model, FineTunedModelId.IsFineTuned(model), fromRun);
    }
}
