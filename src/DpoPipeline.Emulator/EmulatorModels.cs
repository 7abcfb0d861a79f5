namespace DpoPipeline.Emulator;

/// <summary>
/// The emulated models' ground truth (configuration section <c>Emulator:Models</c>): a preference rate per kind of
/// model, optional per-deployment overrides, the judge's accuracy and position bias, and the seed of every draw.
/// </summary>
public sealed class EmulatorModels
{
    /// <summary>Mixed into every draw with the request's own seed, the deployment name and the prompt.</summary>
    public long Seed { get; set; }

    /// <summary>A deployment of a base model.</summary>
    public EmulatedModelBehaviour Base { get; set; } = new() { PreferenceRate = 0.5 };

    /// <summary>A deployment of a model from a supervised fine-tuning job.</summary>
    public EmulatedModelBehaviour Sft { get; set; } = new() { PreferenceRate = 0.65 };

    /// <summary>A deployment of a model from a DPO job.</summary>
    public EmulatedModelBehaviour Dpo { get; set; } = new() { PreferenceRate = 0.8 };

    /// <summary>A deployment of a model from a DPO job that continued an SFT model: the best of the four by default.</summary>
    public EmulatedModelBehaviour SftDpo { get; set; } = new() { PreferenceRate = 0.85 };

    /// <summary>Overrides by deployment name (case-insensitive), whatever the model's kind.</summary>
    public IDictionary<string, EmulatedModelBehaviour> Deployments { get; } = new Dictionary<string, EmulatedModelBehaviour>(StringComparer.OrdinalIgnoreCase);

    public EmulatedJudgeBehaviour Judge { get; set; } = new();

    internal EmulatedModelBehaviour For(string deployment, EmulatedModelKind kind) =>
        Deployments.TryGetValue(deployment, out var configured) ? configured
        : kind switch
        {
            EmulatedModelKind.Dpo => Dpo,
            EmulatedModelKind.SftDpo => SftDpo,
            EmulatedModelKind.Sft => Sft,
            _ => Base,
        };

    internal void Validate()
    {
        Base.Validate("Models:Base");
        Sft.Validate("Models:Sft");
        Dpo.Validate("Models:Dpo");
        SftDpo.Validate("Models:SftDpo");
        foreach (var (name, behaviour) in Deployments)
        {
            behaviour.Validate($"Models:Deployments:{name}");
        }

        Judge.Validate();
    }
}
