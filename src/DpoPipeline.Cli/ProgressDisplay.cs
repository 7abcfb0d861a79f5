using DpoPipeline.Core.Datasets;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>A progress bar on stderr for large files, only when stderr is a terminal (never in pipes, logs or tests).</summary>
internal static class ProgressDisplay
{
    private const long MinimumBytes = 32L * 1024 * 1024;

    public static async Task<T> RunAsync<T>(CliOutput output, string path, string title, Func<IProgress<DatasetProgress>?, Task<T>> work)
    {
        if (!output.IsErrorTerminal || !File.Exists(path) || new FileInfo(path).Length < MinimumBytes)
        {
            return await work(null);
        }

        return await output.ErrorConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: new FileInfo(path).Length);
                var result = await work(new Reporter(update => task.Value = update.BytesRead));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Reporter(Action<DatasetProgress> report) : IProgress<DatasetProgress>
    {
        public void Report(DatasetProgress value) => report(value);
    }
}
