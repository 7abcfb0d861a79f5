using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>
/// Where a command writes: machine output (JSON) goes to <see cref="Out"/> untouched, human output through Spectre
/// consoles on the same writers. Colour and live progress only when the writer is a real terminal.
/// </summary>
public sealed class CliOutput
{
    public CliOutput(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        IsTerminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        IsErrorTerminal = ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected;
        Console = Create(output, IsTerminal);
        ErrorConsole = Create(error, IsErrorTerminal);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool IsTerminal { get; }

    public bool IsErrorTerminal { get; }

    public IAnsiConsole Console { get; }

    public IAnsiConsole ErrorConsole { get; }

    public void WriteError(string message) => ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output keeps long lines whole instead of wrapping at an assumed 80 columns.
            console.Profile.Width = 160;
        }

        return console;
    }
}
