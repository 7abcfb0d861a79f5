using System.Text.Json;
using System.Threading.Channels;
using DpoPipeline.Core.Datasets.Reading;
using DpoPipeline.Core.Datasets.Shapes;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// One streaming pass over a dataset: a reader cuts the file into batches, a worker per core parses, checks and
/// tokenizes them (each with its own <see cref="ExampleProcessor"/>), and the consumer receives the results in file
/// order. Both channels are bounded, so memory is a few batches per worker whatever the file size.
/// </summary>
internal static class DatasetPipeline
{
    private const int DetectionSampleRows = 32;

    public static async Task<PipelineRun> RunAsync(
        string path,
        ValidationOptions options,
        bool emitAzureJson,
        Action<ProcessedBatch> consume,
        IProgress<DatasetProgress>? progress,
        CancellationToken cancellationToken)
    {
        var profile = ModelTokenProfiles.Get(options.BaseModel);

        // The vocabulary loads while the first megabyte is read and the shape detected.
        var tokenizerLoad = Task.Run(() => TokenizerCatalog.Get(profile.Encoding), cancellationToken);

        await using var opened = await DatasetOpener.OpenAsync(path, options, cancellationToken);
        if (opened.FatalIssue is not null || opened.Records is null)
        {
            return new PipelineRun(path, opened.Format, opened.Compressed, null, 0, [opened.FatalIssue!]);
        }

        var fileIssues = new List<ValidationIssue>();
        await using var batches = opened.Records.ReadBatchesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var first = await NextOrReport(batches, path, fileIssues);
        if (first is null)
        {
            fileIssues.AddRange(opened.Records.Issues);
            if (fileIssues.Count == 0)
            {
                fileIssues.Add(FileIssue(path, IssueCodes.EmptyFile, "The file holds no examples."));
            }

            return new PipelineRun(path, opened.Format, opened.Compressed, null, opened.Records.DataBytes, fileIssues);
        }

        var (binding, code, message) = DetectShape(first, options);
        if (binding is null)
        {
            first.Release();
            fileIssues.Add(FileIssue(path, code!, message!));
            return new PipelineRun(path, opened.Format, opened.Compressed, null, opened.Records.DataBytes, fileIssues);
        }

        await tokenizerLoad;
        await ProcessAsync(first, batches, path, binding, profile, options, emitAzureJson, consume, fileIssues, Report, cancellationToken);
        fileIssues.AddRange(opened.Records.Issues);
        return new PipelineRun(path, opened.Format, opened.Compressed, binding, opened.Records.DataBytes, fileIssues);

        void Report(long examples) => progress?.Report(new DatasetProgress(opened.RawPosition(), opened.FileBytes, examples));
    }

    private static async Task ProcessAsync(
        RecordBatch first,
        IAsyncEnumerator<RecordBatch> batches,
        string path,
        ShapeBinding binding,
        ModelTokenProfile profile,
        ValidationOptions options,
        bool emitAzureJson,
        Action<ProcessedBatch> consume,
        List<ValidationIssue> fileIssues,
        Action<long> report,
        CancellationToken cancellationToken)
    {
        var workerCount = Math.Max(1, options.Parallelism ?? Environment.ProcessorCount);
        var work = Channel.CreateBounded<(RecordBatch Batch, TaskCompletionSource<ProcessedBatch> Result)>(
            new BoundedChannelOptions(workerCount) { SingleWriter = true });
        var ordered = Channel.CreateBounded<Task<ProcessedBatch>>(
            new BoundedChannelOptions(workerCount * 2) { SingleWriter = true, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var workers = Enumerable.Range(0, workerCount)
            .Select(_ => Task.Run(() => WorkAsync(work.Reader, new ExampleProcessor(path, binding, profile, options, emitAzureJson), stop.Token), stop.Token))
            .ToArray();
        var producer = Task.Run(() => ProduceAsync(first, batches, path, work.Writer, ordered.Writer, fileIssues, stop.Token), stop.Token);

        try
        {
            long examples = 0;
            await foreach (var pending in ordered.Reader.ReadAllAsync(stop.Token))
            {
                var result = await pending;
                consume(result);
                examples += result.Examples.Count;
                report(examples);
            }

            await producer;
            await Task.WhenAll(workers);
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAll([producer, .. workers]).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private static async Task ProduceAsync(
        RecordBatch first,
        IAsyncEnumerator<RecordBatch> batches,
        string path,
        ChannelWriter<(RecordBatch, TaskCompletionSource<ProcessedBatch>)> work,
        ChannelWriter<Task<ProcessedBatch>> ordered,
        List<ValidationIssue> fileIssues,
        CancellationToken cancellationToken)
    {
        try
        {
            for (var batch = first; batch is not null; batch = await NextOrReport(batches, path, fileIssues))
            {
                var result = new TaskCompletionSource<ProcessedBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
                await ordered.WriteAsync(result.Task, cancellationToken);
                await work.WriteAsync((batch, result), cancellationToken);
            }
        }
        finally
        {
            work.TryComplete();
            ordered.TryComplete();
        }
    }

    private static async Task WorkAsync(
        ChannelReader<(RecordBatch Batch, TaskCompletionSource<ProcessedBatch> Result)> work,
        ExampleProcessor processor,
        CancellationToken cancellationToken)
    {
        await foreach (var (batch, result) in work.ReadAllAsync(cancellationToken))
        {
            try
            {
                result.SetResult(processor.Process(batch));
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
            finally
            {
                batch.Release();
            }
        }
    }

    /// <summary>The next batch, or null at the end; a reader failure (damaged gzip, broken Parquet) becomes a file issue.</summary>
    private static async Task<RecordBatch?> NextOrReport(IAsyncEnumerator<RecordBatch> batches, string path, List<ValidationIssue> fileIssues)
    {
        try
        {
            return await batches.MoveNextAsync() ? batches.Current : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            fileIssues.Add(FileIssue(path, IssueCodes.UnreadableFile, $"Reading stopped: {ex.Message}"));
            return null;
        }
    }

    private static (ShapeBinding? Binding, string? Code, string? Message) DetectShape(RecordBatch first, ValidationOptions options)
    {
        var documents = new List<JsonDocument>();
        try
        {
            foreach (var record in first.Records.Where(r => !r.TooLong).Take(DetectionSampleRows))
            {
                try
                {
                    documents.Add(JsonDocument.Parse(first.GetMemory(record), new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth }));
                }
                catch (JsonException)
                {
                    // Broken rows are reported when processed; detection uses the rows that parse.
                }
            }

            var sample = documents.Select(d => d.RootElement).ToList();
            return options.Mapping is not null
                ? (ShapeDetector.FromMapping(options.Mapping, sample), null, null)
                : ShapeDetector.Detect(sample, options.Shape);
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    private static ValidationIssue FileIssue(string path, string code, string message) =>
        new(path, null, null, code, IssueSeverity.Error, message, IssueCodes.HintFor(code));
}
