using System.Text;

namespace DpoPipeline.Core.Reports;

/// <summary>Writes report sections as GitHub-flavoured Markdown; charts are linked as files beside the report.</summary>
internal static class MarkdownReportWriter
{
    public static string Write(string title, IReadOnlyList<ReportSection> sections)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Escape(title));
        foreach (var section in sections)
        {
            md.AppendLine().Append("## ").AppendLine(Escape(section.Heading));
            foreach (var block in section.Blocks)
            {
                md.AppendLine();
                switch (block)
                {
                    case ReportParagraph p:
                        md.AppendLine(Escape(p.Text));
                        break;
                    case ReportBanner b:
                        md.Append("> # ").AppendLine(Escape(b.Title)).AppendLine(">").Append("> ").AppendLine(Escape(b.Text));
                        break;
                    case ReportTable t:
                        AppendRow(md, t.Header);
                        AppendRow(md, t.Header.Select(_ => "---").ToList());
                        foreach (var row in t.Rows)
                        {
                            AppendRow(md, row);
                        }

                        break;
                    case ReportImage i:
                        md.Append("![").Append(Escape(i.Chart.Title)).Append("](").Append(i.Chart.Path).AppendLine(")");
                        break;
                }
            }
        }

        return md.ToString();
    }

    private static void AppendRow(StringBuilder md, IReadOnlyList<string> cells) =>
        md.Append("| ").AppendJoin(" | ", cells.Select(c => Escape(c).Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");

    // Line breaks would end a table row; markup characters in model output must show as text.
    private static string Escape(string text)
    {
        var single = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(single.Length);
        foreach (var c in single)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
