namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// Azure's fine-tuned model ids, <c>&lt;base&gt;.ft-&lt;jobhex&gt;[-&lt;suffix&gt;]</c>: the catalogue model a chain of
/// fine-tuning jobs started from is the part before the first <c>.ft-</c>, which sets the family (tokenizer,
/// per-example token limit, price).
/// </summary>
public static class FineTunedModelId
{
    private const string Marker = ".ft-";

    public static bool IsFineTuned(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Contains(Marker, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The catalogue model at the root of <paramref name="model"/>; the model itself when it is not fine-tuned.</summary>
    public static string RootOf(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = model.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        return at > 0 ? model[..at] : model;
    }
}
