using System.Net;
using System.Text;

namespace DpoPipeline.Core.Reports;

/// <summary>Writes report sections as one self-contained HTML page: inline CSS, charts as data URIs, no external assets.</summary>
internal static class HtmlReportWriter
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}"
        + "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .7em;text-align:left}"
        + "th{background:#f3f3f3}img{max-width:100%;height:auto;border:1px solid #eee}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}"
        + ".banner{border:4px solid #b00020;background:#fff4f4;padding:.6em 1em;margin:1em 0}"
        + ".banner strong{display:block;font-size:2.6em;letter-spacing:.08em;color:#b00020}";

    public static string Write(string title, IReadOnlyList<ReportSection> sections)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>")
            .Append(Encode(title)).Append("</h1>\n");
        var ids = SectionIds(sections);
        html.Append("<nav aria-label=\"Contents\">\n<ul>\n");
        for (var i = 0; i < sections.Count; i++)
        {
            html.Append("<li><a href=\"#").Append(ids[i]).Append("\">").Append(Encode(sections[i].Heading)).Append("</a></li>\n");
        }

        html.Append("</ul>\n</nav>\n");
        for (var n = 0; n < sections.Count; n++)
        {
            var section = sections[n];
            html.Append("<section id=\"").Append(ids[n]).Append("\">\n<h2>").Append(Encode(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        html.Append("<p>").Append(Encode(p.Text)).Append("</p>\n");
                        break;
                    case ReportBanner b:
                        html.Append("<div class=\"banner\" role=\"alert\"><strong>").Append(Encode(b.Title)).Append("</strong><p>")
                            .Append(Encode(b.Text)).Append("</p></div>\n");
                        break;
                    case ReportTable t:
                        html.Append("<table>\n<thead><tr>").AppendJoin(string.Empty, t.Header.Select(h => $"<th>{Encode(h)}</th>"))
                            .Append("</tr></thead>\n<tbody>\n");
                        foreach (var row in t.Rows)
                        {
                            html.Append("<tr>").AppendJoin(string.Empty, row.Select(c => $"<td>{Encode(c)}</td>")).Append("</tr>\n");
                        }

                        html.Append("</tbody>\n</table>\n");
                        break;
                    case ReportImage i:
                        html.Append("<figure><img src=\"").Append(i.Chart.DataUri).Append("\" alt=\"").Append(Encode(i.Chart.Title))
                            .Append("\" width=\"").Append(i.Chart.Width).Append("\" height=\"").Append(i.Chart.Height)
                            .Append("\"></figure>\n");
                        break;
                }
            }

            html.Append("</section>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// One id per section from its heading ("Training metrics" → "training-metrics"), unique within the page. Only
    /// in-page links: the page is also served over HTTP with the function key in its query, which a relative link to
    /// another file would drop.
    /// </summary>
    private static IReadOnlyList<string> SectionIds(IReadOnlyList<ReportSection> sections)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(sections.Count);
        foreach (var section in sections)
        {
            var slug = Slug(section.Heading);
            var id = slug;
            for (var n = 2; !used.Add(id); n++)
            {
                id = $"{slug}-{n}";
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().TrimEnd('-');
        return text.Length == 0 ? "section" : text;
    }
}
