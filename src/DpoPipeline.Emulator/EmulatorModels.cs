using System.Globalization;

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

    /// <summary>
    /// DPO models by their job's hyperparameters, e.g. <c>Emulator:Models:DpoVariants:0:Beta=0.1</c> with
    /// <c>…:0:PreferenceRate=0.9</c>: what makes a sweep's variants differ measurably. Checked before <see cref="DpoByBeta"/>.
    /// </summary>
    public IList<EmulatedDpoVariant> DpoVariants { get; } = new List<EmulatedDpoVariant>();

    /// <summary>Preference rate of a DPO model by its job's beta, e.g. <c>Emulator:Models:DpoByBeta:0.1=0.9</c>; length drift as <see cref="Dpo"/>.</summary>
    public IDictionary<string, double> DpoByBeta { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    public EmulatedJudgeBehaviour Judge { get; set; } = new();

    /// <param name="hyperparameters">The job's resolved beta, learning rate multiplier and epochs, for a DPO model.</param>
    internal EmulatedModelBehaviour For(string deployment, EmulatedModelKind kind, (double Beta, double LearningRateMultiplier, int Epochs)? hyperparameters = null)
    {
        if (Deployments.TryGetValue(deployment, out var configured))
        {
            return configured;
        }

        if (kind == EmulatedModelKind.Dpo && hyperparameters is var (beta, lr, epochs))
        {
            if (DpoVariants.FirstOrDefault(v => v.Matches(beta, lr, epochs)) is { } variant)
            {
                return variant.ToBehaviour();
            }

            foreach (var (key, rate) in DpoByBeta)
            {
                if (double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var keyed) && Math.Abs(keyed - beta) < 1e-9)
                {
                    return new EmulatedModelBehaviour { PreferenceRate = rate, LengthDrift = Dpo.LengthDrift };
                }
            }
        }

        return kind switch
        {
            EmulatedModelKind.Dpo => Dpo,
            EmulatedModelKind.SftDpo => SftDpo,
            EmulatedModelKind.Sft => Sft,
            _ => Base,
        };
    }

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

        for (var i = 0; i < DpoVariants.Count; i++)
        {
            DpoVariants[i].ToBehaviour().Validate($"Models:DpoVariants:{i}");
        }

        foreach (var (key, rate) in DpoByBeta)
        {
            if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentOutOfRangeException($"Models:DpoByBeta:{key}", key, $"Models:DpoByBeta:{key}: the key must be a beta, e.g. 0.1.");
            }

            new EmulatedModelBehaviour { PreferenceRate = rate }.Validate($"Models:DpoByBeta:{key}");
        }

        Judge.Validate();
    }
}
