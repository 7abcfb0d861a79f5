namespace DpoPipeline.Emulator;

/// <summary>What a deployment's model is, as the emulator knows from its jobs.</summary>
public enum EmulatedModelKind
{
    Base,

    /// <summary>Fine-tuned by a supervised job.</summary>
    Sft,

    /// <summary>Fine-tuned by a DPO job.</summary>
    Dpo,

    /// <summary>Fine-tuned by a DPO job that started from a model of a supervised job (SFT, then DPO).</summary>
    SftDpo,
}
