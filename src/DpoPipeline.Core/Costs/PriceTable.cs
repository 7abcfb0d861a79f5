using System.Text.Json;
using DpoPipeline.Core.Serialization;

namespace DpoPipeline.Core.Costs;

/// <summary>
/// Training prices kept as data (Costs/price-table.json, embedded), with the date and source they were taken from.
/// Users can load their own table with the same shape.
/// </summary>
public sealed record PriceTable(string SourceDate, string Source, string Currency, string Note, IReadOnlyList<ModelPrice> Models)
{
    private static readonly Lazy<PriceTable> Embedded = new(() =>
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("DpoPipeline.Core.Costs.price-table.json")
            ?? throw new InvalidOperationException("Embedded resource price-table.json is missing.");
        return Load(stream);
    });

    public static PriceTable Default => Embedded.Value;

    /// <exception cref="FormatException">The JSON is not a price table.</exception>
    public static PriceTable Load(Stream json)
    {
        try
        {
            var table = JsonSerializer.Deserialize(json, DataFileJsonContext.Default.PriceTable);
            return table is { Models.Count: > 0 } && !string.IsNullOrWhiteSpace(table.Currency)
                ? table
                : throw new FormatException("A price table needs a currency and at least one model.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The price table is not valid JSON of the expected shape: {ex.Message}", ex);
        }
    }

    /// <summary>The price for a model by exact name, or by the longest known base name it starts with.</summary>
    public ModelPrice? Find(string model) =>
        Models.FirstOrDefault(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase))
        ?? Models.Where(p => model.StartsWith(p.Model, StringComparison.OrdinalIgnoreCase)).MaxBy(p => p.Model.Length);
}
