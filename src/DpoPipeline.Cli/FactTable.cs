using System.Globalization;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>A two-column table of named values, as `dpo run` and `dpo runs show` end with; rows without a value are left out.</summary>
internal sealed class FactTable
{
    public Table Table { get; } = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);

    public FactTable Row(string name, object? value)
    {
        if (value is not null)
        {
            Table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        }

        return this;
    }
}
