using System.Text;

namespace DpoPipeline.Cli.Tests.Docs;

/// <summary>Splits one shell command line into words the way sh would for the simple lines docs hold: quotes, backslashes, a trailing comment.</summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else if (c == '\\' && open == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    return Finish();
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"Unclosed {quote} quote in: {line}");
        }

        return Finish();

        IReadOnlyList<string> Finish()
        {
            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }
    }
}
