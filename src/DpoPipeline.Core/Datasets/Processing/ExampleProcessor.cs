using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DpoPipeline.Core.Datasets.Reading;
using DpoPipeline.Core.Datasets.Shapes;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// The per-worker hot path: checks a record's bytes, parses it (pooled JsonDocument, no copies), reads the example in
/// its shape, checks it, counts its tokens and fingerprints it. One instance per worker thread; not thread-safe.
/// </summary>
internal sealed class ExampleProcessor(string file, ShapeBinding binding, ModelTokenProfile profile, ValidationOptions options, bool emitAzureJson)
{
    // A reply this many times longer than the other (and long in absolute terms) is flagged.
    private const int ImbalanceRatio = 10;
    private const int ImbalanceMinimumTokens = 200;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonWriterOptions OutputOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TokenCounter _tokens = new(profile.Encoding);
    private readonly ExampleHasher _hasher = new();
    private readonly JsonDocumentOptions _parseOptions = new() { MaxDepth = options.MaxJsonDepth };
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);

    public ProcessedBatch Process(RecordBatch batch)
    {
        var issues = new IssueCollector(file);
        var examples = new List<ExampleSummary>(batch.Records.Count);
        foreach (var record in batch.Records)
        {
            issues.BeginRecord(record.Line);
            var example = record.TooLong
                ? TooLong(issues, record)
                : Read(batch.GetMemory(record), record.Line, issues);
            examples.Add(example is null
                ? new ExampleSummary { Index = record.Index, Line = record.Line, HasErrors = true }
                : Summarize(example, record, issues));
        }

        return new ProcessedBatch(examples, issues.Issues);
    }

    private PreferenceExample? TooLong(IssueCollector issues, RawRecord record)
    {
        issues.Error(IssueCodes.LineTooLong, null, $"The example starting on line {record.Line} is longer than {options.MaxRecordBytes:N0} bytes; it was skipped unread.");
        return null;
    }

    private PreferenceExample? Read(ReadOnlyMemory<byte> json, long line, IssueCollector issues)
    {
        var bytes = json.Span;
        if (bytes.StartsWith(Utf8Bom))
        {
            issues.Error(IssueCodes.UnexpectedBom, null, "A byte-order mark (EF BB BF) starts this line; only the first line of a file may carry one.");
            return null;
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            issues.Error(IssueCodes.NulByte, null, $"A NUL byte (0x00) at byte {nul + 1} of the line.");
            return null;
        }

        if (!Utf8.IsValid(bytes))
        {
            issues.Error(IssueCodes.InvalidUtf8, null, "The line is not valid UTF-8.");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, _parseOptions);
        }
        catch (JsonException ex)
        {
            if (IsWellFormedWithoutDepthLimit(bytes))
            {
                issues.Error(IssueCodes.NestingTooDeep, null, $"The JSON nests deeper than {options.MaxJsonDepth} levels.");
            }
            else
            {
                var where = ex.LineNumber is > 0 ? $"line {line + ex.LineNumber}, byte {ex.BytePositionInLine + 1}" : $"byte {ex.BytePositionInLine + 1}";
                issues.Error(IssueCodes.InvalidJson, null, $"Not valid JSON ({where}): {FirstSentence(ex.Message)}");
            }

            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                issues.Error(IssueCodes.DataType, "$", $"Each example must be a JSON object, not {MessageReader.Describe(root)}.");
                return null;
            }

            return binding.Fields is null
                ? AzureDpoExampleReader.Read(root, issues)
                : PreferenceExampleNormalizer.Normalize(root, binding.Fields, issues);
        }
    }

    private ExampleSummary Summarize(PreferenceExample example, RawRecord record, IssueCollector issues)
    {
        var promptTokens = 0;
        int system = 0, user = 0, assistant = 0;
        foreach (var message in example.Input)
        {
            promptTokens += _tokens.CountMessage(message);
            switch (message.Role)
            {
                case ChatRoles.System or ChatRoles.Developer:
                    system++;
                    break;
                case ChatRoles.User:
                    user++;
                    break;
                case ChatRoles.Assistant:
                    assistant++;
                    break;
            }
        }

        var summary = new ExampleSummary
        {
            Index = record.Index,
            Line = record.Line,
            PromptTokens = promptTokens,
            PreferredTokens = _tokens.CountMessage(example.Preferred),
            NonPreferredTokens = _tokens.CountMessage(example.NonPreferred),
            SystemMessages = system,
            UserMessages = user,
            AssistantMessages = assistant,
            ExactHash = _hasher.Exact(example),
            NearHash = _hasher.Near(example),
            PromptHash = _hasher.Prompt(example),
            AzureJson = emitAzureJson ? ToAzureJson(example) : null,
        };

        CheckReplies(example, summary, issues);
        if (summary.LimitTokens > profile.ExampleTokenLimit)
        {
            issues.Error(IssueCodes.TooManyTokens, null, $"The example has {summary.LimitTokens:N0} tokens; {profile.Model} allows {profile.ExampleTokenLimit:N0} per example.");
            return new ExampleSummary { Index = record.Index, Line = record.Line, HasErrors = true };
        }

        return summary;
    }

    private static void CheckReplies(PreferenceExample example, ExampleSummary summary, IssueCollector issues)
    {
        if (string.Equals(example.Preferred.Content, example.NonPreferred.Content, StringComparison.Ordinal))
        {
            issues.Warning(IssueCodes.ChosenEqualsRejected, "$.non_preferred_output[0].content", "The preferred and non-preferred replies are identical.");
        }

        foreach (var (reply, path) in new[] { (example.Preferred, "$.preferred_output[0].content"), (example.NonPreferred, "$.non_preferred_output[0].content") })
        {
            if (string.IsNullOrWhiteSpace(reply.Content))
            {
                issues.Warning(IssueCodes.BlankReply, path, "The reply holds only whitespace.");
            }
        }

        var longer = Math.Max(summary.PreferredTokens, summary.NonPreferredTokens);
        var shorter = Math.Max(1, Math.Min(summary.PreferredTokens, summary.NonPreferredTokens) - TokenCounter.TokensPerMessage);
        if (longer >= ImbalanceMinimumTokens && longer >= (long)shorter * ImbalanceRatio)
        {
            issues.Warning(IssueCodes.LengthImbalance, null, $"One reply has {longer - TokenCounter.TokensPerMessage:N0} tokens, the other {shorter:N0}.");
        }
    }

    private byte[] ToAzureJson(PreferenceExample example)
    {
        _output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_output, OutputOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("input");
            writer.WriteStartArray("messages");
            foreach (var message in example.Input)
            {
                WriteMessage(writer, message);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray(AzureDpoExampleReader.PreferredOutput);
            WriteMessage(writer, example.Preferred);
            writer.WriteEndArray();
            writer.WriteStartArray(AzureDpoExampleReader.NonPreferredOutput);
            WriteMessage(writer, example.NonPreferred);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return _output.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role);
        writer.WriteString("content", message.Content);
        if (!string.IsNullOrEmpty(message.Name))
        {
            writer.WriteString("name", message.Name);
        }

        writer.WriteEndObject();
    }

    /// <summary>Tells "nested too deeply" from "broken": only well-formed JSON is reported as too deep (a truncated line is invalid_json).</summary>
    private static bool IsWellFormedWithoutDepthLimit(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
