namespace DpoPipeline.Core.Datasets;

/// <summary>
/// Stable issue codes. The first block follows the OpenAI cookbook's checker families so that users can search for
/// them; the rest are ours. Each code has one fix hint, so reports teach the same fix every time.
/// </summary>
public static class IssueCodes
{
    // Cookbook families.
    public const string DataType = "data_type";
    public const string MissingMessagesList = "missing_messages_list";
    public const string MessageMissingKey = "message_missing_key";
    public const string MessageUnrecognizedKey = "message_unrecognized_key";
    public const string UnrecognizedRole = "unrecognized_role";
    public const string MissingContent = "missing_content";
    public const string ExampleMissingAssistantMessage = "example_missing_assistant_message";

    // File and encoding problems.
    public const string InvalidJson = "invalid_json";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string EmptyFile = "empty_file";
    public const string LfsPointer = "lfs_pointer";
    public const string FileTooLarge = "file_too_large";
    public const string DecompressedTooLarge = "decompressed_too_large";
    public const string LineTooLong = "line_too_long";
    public const string NestingTooDeep = "nesting_too_deep";
    public const string NulByte = "nul_byte";
    public const string UnexpectedBom = "unexpected_bom";
    public const string UnreadableFile = "unreadable_file";

    // Dataset shape problems.
    public const string SftData = "sft_data";
    public const string UnknownShape = "unknown_shape";
    public const string TooFewExamples = "too_few_examples";
    public const string TooManyTokens = "too_many_tokens";
    public const string PromptNotEndingWithUser = "prompt_not_ending_with_user";
    public const string MultipleAssistantOutputs = "multiple_assistant_outputs";

    // Warnings that save money.
    public const string ChosenEqualsRejected = "chosen_equals_rejected";
    public const string BlankReply = "blank_reply";
    public const string DuplicateExample = "duplicate_example";
    public const string NearDuplicateExample = "near_duplicate_example";
    public const string PromptInTrainAndValidation = "prompt_in_train_and_validation";
    public const string LengthImbalance = "length_imbalance";
    public const string UnrecognizedKey = "unrecognized_key";
    public const string ValidationSplitSkipped = "validation_split_skipped";

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        [DataType] = "Each example must be a JSON object, and each message a JSON object with string values.",
        [MissingMessagesList] = "Put the conversation in \"input\": {\"messages\": [...]} with at least one user message.",
        [MessageMissingKey] = "Every message needs \"role\" and \"content\".",
        [MessageUnrecognizedKey] = "Remove keys other than role, content, name, tool_calls, tool_call_id and weight from messages.",
        [UnrecognizedRole] = "Use one of the roles system, developer, user, assistant or tool.",
        [MissingContent] = "Give the message a non-empty string \"content\"; drop examples whose reply is empty.",
        [ExampleMissingAssistantMessage] = "\"preferred_output\" and \"non_preferred_output\" must each be a list holding one message with role \"assistant\".",
        [InvalidJson] = "Fix the JSON syntax on this line (a truncated line, a trailing comma or an unquoted key); each line must be one complete JSON object.",
        [InvalidUtf8] = "Save the file as UTF-8 (not UTF-16 or a legacy code page).",
        [EmptyFile] = "The file holds no data; check that the upload or export finished.",
        [LfsPointer] = "This is a Git LFS pointer, not the data: run `git lfs pull` (or download the file itself) and try again.",
        [FileTooLarge] = "The service accepts files up to 512 MB: split the dataset or drop the longest examples.",
        [DecompressedTooLarge] = "The compressed file expands beyond the configured limit; decompress it yourself if it is genuine.",
        [LineTooLong] = "A single example this large cannot be trained on; check that lines are separated by \\n.",
        [NestingTooDeep] = "JSON nested this deeply is not a chat example; check how the file was produced.",
        [NulByte] = "Remove NUL (0x00) bytes; they usually mean a binary or UTF-16 file.",
        [UnexpectedBom] = "A byte-order mark may only start the file; remove it (files concatenated from several exports often carry one per part).",
        [UnreadableFile] = "Check that the path exists and is readable.",
        [SftData] = "This is supervised fine-tuning data (\"messages\" only). DPO needs a preferred and a non-preferred reply per prompt; use SFT, or add the rejected replies.",
        [UnknownShape] = "Tell the converter which fields hold what, e.g. --map question=prompt --map good=chosen --map bad=rejected.",
        [TooFewExamples] = "The service needs at least 10 examples per file (and many more to learn anything).",
        [TooManyTokens] = "Shorten or drop this example: it is longer than the base model's per-example token limit.",
        [PromptNotEndingWithUser] = "The last message of \"input.messages\" must have role \"user\"; the replies go in preferred_output/non_preferred_output.",
        [MultipleAssistantOutputs] = "Each side must be exactly one assistant reply to the same conversation; move earlier turns into the prompt.",
        [ChosenEqualsRejected] = "Identical replies teach the model nothing; drop the pair or fix the rejected reply.",
        [BlankReply] = "A whitespace-only reply teaches the model to answer with nothing; drop the pair.",
        [DuplicateExample] = "Exact duplicates cost tokens without adding signal; convert with --dedupe.",
        [NearDuplicateExample] = "This example differs from an earlier one only in whitespace or case; consider dropping it.",
        [PromptInTrainAndValidation] = "A prompt in both files makes validation loss look better than it is; split by prompt (dpo convert does).",
        [LengthImbalance] = "One reply is many times longer than the other; DPO may learn length instead of quality.",
        [UnrecognizedKey] = "The service ignores or refuses unknown top-level keys; keep only input, preferred_output and non_preferred_output.",
        [ValidationSplitSkipped] = "Too few examples for a useful validation file (at least 10); training continues without one.",
    };

    public static IReadOnlyCollection<string> All => Hints.Keys;

    public static string HintFor(string code) => Hints.TryGetValue(code, out var hint) ? hint : string.Empty;
}
