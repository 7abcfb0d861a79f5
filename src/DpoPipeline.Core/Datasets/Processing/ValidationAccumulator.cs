namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// Folds processed batches, in file order, into the numbers of a <see cref="ValidationReport"/>: exact counts per code,
/// the first issues of each code, token totals, and the checks that need the whole file (duplicates, overlap).
/// </summary>
/// <param name="options">Limits and the per-code issue cap.</param>
/// <param name="skipInvalidExamples">
/// Invalid examples will be left out (convert --skip-invalid): their errors are reported as warnings, and the
/// minimum example count applies to the examples that remain.
/// </param>
internal sealed class ValidationAccumulator(ValidationOptions options, bool skipInvalidExamples = false)
{
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _warnings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _kept = new(StringComparer.Ordinal);
    private readonly List<ValidationIssue> _issues = [];
    // Near-duplicate fingerprint (64 bits) → first line (high 32 bits) and exact fingerprint (low 32 bits): one compact
    // entry per distinct example keeps duplicate detection at ~28 bytes per example on gigabyte files.
    private readonly Dictionary<ulong, ulong> _firstByNear = [];
    private HashSet<UInt128>? _trainPrompts;
    private string _file = string.Empty;
    private bool _validationFile;

    public long Examples { get; private set; }

    public long ValidExamples { get; private set; }

    public long ValidationExamples { get; private set; }

    public long TrainTokens { get; private set; }

    public long ValidationTokens { get; private set; }

    public int MaxExampleTokens { get; private set; }

    public bool IssuesTruncated { get; private set; }

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Starts the main file; <paramref name="trackPrompts"/> keeps its prompts to check a validation file against.</summary>
    public void BeginTrainFile(string file, bool trackPrompts)
    {
        _file = file;
        _trainPrompts = trackPrompts ? [] : null;
    }

    public void BeginValidationFile(string file)
    {
        _file = file;
        _validationFile = true;
        _firstByNear.Clear();
    }

    public void Add(ProcessedBatch batch)
    {
        foreach (var issue in batch.Issues)
        {
            Add(issue);
        }

        foreach (var example in batch.Examples)
        {
            Add(example);
        }
    }

    public void Add(ValidationIssue issue)
    {
        if (skipInvalidExamples && issue is { Severity: IssueSeverity.Error, Line: not null })
        {
            issue = issue with { Severity = IssueSeverity.Warning, Message = "Skipped: " + issue.Message };
        }

        var counts = issue.Severity == IssueSeverity.Error ? _errors : _warnings;
        counts[issue.Code] = counts.GetValueOrDefault(issue.Code) + 1;
        var kept = _kept.GetValueOrDefault(issue.Code);
        if (kept < options.MaxIssuesPerCode)
        {
            _kept[issue.Code] = kept + 1;
            _issues.Add(issue);
        }
        else
        {
            IssuesTruncated = true;
        }
    }

    /// <summary>Checks the example counts of the file just finished.</summary>
    public void EndFile(long examplesInFile)
    {
        if (skipInvalidExamples)
        {
            examplesInFile = ValidExamples;
        }

        if (examplesInFile > 0 && examplesInFile < options.MinimumExamples)
        {
            Add(new ValidationIssue(_file, null, null, IssueCodes.TooFewExamples, IssueSeverity.Error,
                $"The file has {examplesInFile} example(s); the service needs at least {options.MinimumExamples}.", IssueCodes.HintFor(IssueCodes.TooFewExamples)));
        }
    }

    /// <summary>The kept issues in file order: file-level first, then by line.</summary>
    public IReadOnlyList<ValidationIssue> Issues(string[] fileOrder) =>
        [.. _issues.OrderBy(i => Array.IndexOf(fileOrder, i.File)).ThenBy(i => i.Line ?? 0)];

    public IReadOnlyDictionary<string, long> ErrorCounts => Sorted(_errors);

    public IReadOnlyDictionary<string, long> WarningCounts => Sorted(_warnings);

    private void Add(ExampleSummary example)
    {
        if (_validationFile)
        {
            ValidationExamples++;
        }
        else
        {
            Examples++;
        }

        if (example.HasErrors)
        {
            return;
        }

        if (!_validationFile)
        {
            ValidExamples++;
        }

        MaxExampleTokens = Math.Max(MaxExampleTokens, example.LimitTokens);
        if (_validationFile)
        {
            ValidationTokens += example.TotalTokens;
            if (_trainPrompts?.Contains(example.PromptHash) == true)
            {
                Warn(example, IssueCodes.PromptInTrainAndValidation, "This prompt also appears in the training file.");
            }
        }
        else
        {
            TrainTokens += example.TotalTokens;
            _trainPrompts?.Add(example.PromptHash);
        }

        var exact = (uint)example.ExactHash;
        var entry = ((ulong)Math.Min(example.Line, uint.MaxValue) << 32) | exact;
        if (!_firstByNear.TryAdd((ulong)example.NearHash, entry))
        {
            var first = _firstByNear[(ulong)example.NearHash];
            if ((uint)first == exact)
            {
                Warn(example, IssueCodes.DuplicateExample, $"Same example as line {first >> 32}.");
            }
            else
            {
                Warn(example, IssueCodes.NearDuplicateExample, $"Differs from line {first >> 32} only in whitespace or case.");
            }
        }
    }

    private void Warn(ExampleSummary example, string code, string message) =>
        Add(new ValidationIssue(_file, example.Line, null, code, IssueSeverity.Warning, message, IssueCodes.HintFor(code)));

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> counts) => new(counts, StringComparer.Ordinal);
}
