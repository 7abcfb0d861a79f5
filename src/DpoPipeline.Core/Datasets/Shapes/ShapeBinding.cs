namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>A detected (or user-given) layout: which fields of a row hold which part of the example.</summary>
internal sealed record ShapeBinding(DatasetShape Shape, ColumnMapping? Fields)
{
    public static ShapeBinding Azure { get; } = new(DatasetShape.AzureDpo, null);
}
