using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// A versioned judge prompt kept as a file (<c>Evaluation/Rubrics/{version}.md</c>, embedded): the system text under
/// its <c>## System</c> heading and the user template under <c>## User</c>. Results record <see cref="Version"/>.
/// </summary>
public sealed class JudgeRubric
{
    public const string PairwiseV1Version = "pairwise-v1";

    private const string ConversationSlot = "conversation";
    private const string CandidateASlot = "candidate_a";
    private const string CandidateBSlot = "candidate_b";

    private static readonly Regex Placeholder = new(@"\{(conversation|candidate_a|candidate_b)\}", RegexOptions.CultureInvariant);
    private static readonly Lazy<JudgeRubric> V1 = new(() => Load(PairwiseV1Version));

    private readonly Regex _reader;

    private JudgeRubric(string version, string system, string userTemplate)
    {
        Version = version;
        System = system;
        UserTemplate = userTemplate;

        // The reverse of the template: its fixed text literally, each placeholder a named group.
        var pattern = string.Concat(Placeholder.Split(userTemplate).Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : $"(?<{part}>.*?)"));
        _reader = new Regex($"^{pattern}$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    /// <summary>The reference-free pairwise rubric, version 1.</summary>
    public static JudgeRubric PairwiseV1 => V1.Value;

    public string Version { get; }

    public string System { get; }

    public string UserTemplate { get; }

    /// <summary>The messages sent to the judge with <paramref name="candidateA"/> shown as A.</summary>
    public IReadOnlyList<ChatTurn> BuildPrompt(IReadOnlyList<ChatTurn> conversation, string candidateA, string candidateB)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(candidateA);
        ArgumentNullException.ThrowIfNull(candidateB);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConversationSlot] = string.Join('\n', conversation.Select(Line)),
            [CandidateASlot] = candidateA,
            [CandidateBSlot] = candidateB,
        };

        // One pass: text inside a reply that looks like a placeholder is left as it is.
        var user = Placeholder.Replace(UserTemplate, match => values[match.Groups[1].Value]);
        return [new ChatTurn("system", System), new ChatTurn("user", user)];
    }

    /// <summary>
    /// Reads a prompt built by <see cref="BuildPrompt"/> back into the conversation's last user message and the two
    /// candidates; for stand-in judges such as the emulator's. False when <paramref name="messages"/> are not this rubric.
    /// </summary>
    public bool TryRead(IReadOnlyList<ChatTurn> messages, [NotNullWhen(true)] out JudgePromptContent? content)
    {
        ArgumentNullException.ThrowIfNull(messages);
        content = null;
        if (messages is not [{ Role: "system" } system, { Role: "user" } user] || system.Content != System
            || _reader.Match(user.Content) is not { Success: true } match)
        {
            return false;
        }

        // The last message of an evaluated conversation is the user's, so its text runs to the end of the block.
        var conversation = match.Groups[ConversationSlot].Value;
        var userMarker = Line(new ChatTurn("user", string.Empty));
        var at = conversation.LastIndexOf("\n" + userMarker, StringComparison.Ordinal) + 1;
        if (!conversation.AsSpan(at).StartsWith(userMarker, StringComparison.Ordinal))
        {
            return false;
        }

        content = new JudgePromptContent(conversation[(at + userMarker.Length)..], match.Groups[CandidateASlot].Value, match.Groups[CandidateBSlot].Value);
        return true;
    }

    private static string Line(ChatTurn turn) => $"[{turn.Role}] {turn.Content}";

    private static JudgeRubric Load(string version)
    {
        using var stream = typeof(JudgeRubric).Assembly.GetManifestResourceStream($"DpoPipeline.Core.Evaluation.Rubrics.{version}.md")
            ?? throw new InvalidOperationException($"Embedded rubric {version}.md is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().ReplaceLineEndings("\n");
        const string systemHeading = "\n## System\n";
        const string userHeading = "\n## User\n";
        var systemAt = text.IndexOf(systemHeading, StringComparison.Ordinal);
        var userAt = text.IndexOf(userHeading, StringComparison.Ordinal);
        if (systemAt < 0 || userAt < systemAt)
        {
            throw new InvalidOperationException($"Rubric {version}.md needs a '## System' and then a '## User' section.");
        }

        var system = text[(systemAt + systemHeading.Length)..userAt].Trim();
        var user = text[(userAt + userHeading.Length)..].Trim();
        return new JudgeRubric(version, system, user);
    }
}
