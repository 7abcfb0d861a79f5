namespace DpoPipeline.Core.Reports;

/// <summary>A rendered chart: its file name inside the report, a title, and the PNG bytes.</summary>
public sealed record ReportChart(string FileName, string Title, byte[] Png, int Width, int Height)
{
    public string Path => "charts/" + FileName;

    public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Png);
}
