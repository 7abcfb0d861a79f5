namespace DpoPipeline.Core.Costs;

/// <summary>
/// What hosting a fine-tuned deployment costs for its lifetime, from the price table's hourly fee for the model and
/// SKU. A SKU the table has no fee for is priced at the highest hourly fee the table knows, so the estimate never
/// comes out lower than the bill for want of data.
/// </summary>
public static class HostingCostEstimator
{
    public static decimal Estimate(string baseModel, string sku, TimeSpan lifetime, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        var hourly = prices.Find(baseModel)?.HostingPerHour is { } fees && fees.TryGetValue(sku.ToLowerInvariant(), out var fee)
            ? fee
            : prices.Models.SelectMany(m => m.HostingPerHour?.Values ?? []).DefaultIfEmpty(0m).Max();
        // Billed by the started hour.
        var hours = (decimal)Math.Ceiling(lifetime.TotalHours);
        return Math.Round(hours * hourly, 2, MidpointRounding.AwayFromZero);
    }
}
