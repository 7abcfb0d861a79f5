using DpoPipeline.Core.Stats;

namespace DpoPipeline.Core.Datasets;

/// <summary>
/// The outcome of a conversion. When the source is invalid, <see cref="Manifest"/> and the data paths are null and no
/// train/validation file exists in the output folder; the report (validation-report.json) is always written.
/// <see cref="Stats"/> describes the examples written (train and validation together), for the run report's charts.
/// </summary>
public sealed record ConversionResult(
    ValidationReport Report,
    ConversionManifest? Manifest,
    string? TrainPath,
    string? ValidationPath,
    string? ManifestPath,
    string ReportPath,
    DatasetStats? Stats);
