using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class ActivityTests
{
    private sealed record Order(string Item, int Quantity);

    [Fact]
    public async Task Activities_ResultOfOneFeedsTheNext_OrchestrationCompletesWithFinalOutput()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<Order, int>("Price", (order, _) => Task.FromResult(order.Quantity * 3))
            .AddActivity<int, string>("Format", (cents, _) => Task.FromResult($"{cents} cents"))
            .AddOrchestrator<Order, string>("Checkout", async (context, order) =>
            {
                var cents = await context.CallActivityAsync<int>("Price", order);
                return await context.CallActivityAsync<string>("Format", cents);
            }));

        var id = await runner.StartAsync("Checkout", "order-1", new Order("pen", 4));
        var status = await runner.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("12 cents", status.ReadOutputAs<string>());
        Assert.Equal(
            ["Price", "Format"],
            runner.Host.GetHistory(id).Where(e => e.Kind == LocalHistoryEventKind.TaskScheduled).Select(e => e.Name));
    }

    [Fact]
    public async Task ActivityThrows_OrchestratorCatches_TaskFailedExceptionCarriesTheActivityError()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<string, int>("Parse", (text, _) => Task.FromResult(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)))
            .AddOrchestrator<string, string>("Safe", async (context, text) =>
            {
                try
                {
                    return (await context.CallActivityAsync<int>("Parse", text)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TaskFailedException e)
                {
                    return $"{e.TaskName}|{e.FailureDetails.ErrorType}|{e.FailureDetails.IsCausedBy<FormatException>()}";
                }
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("Safe", "safe-1", "not a number"));

        Assert.Equal("Parse|System.FormatException|True", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ActivityThrows_OrchestratorDoesNotCatch_InstanceFailsWithTheFailure()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<string, string>("Explode", (_, _) => throw new InvalidOperationException("quota exceeded"))
            .AddOrchestrator<string, string>("Fragile", (context, input) => context.CallActivityAsync<string>("Explode", input)));

        var status = await runner.CompletionAsync(await runner.StartAsync("Fragile", "fragile-1", "x"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, status.Failure!.ErrorType);
        Assert.Contains("quota exceeded", status.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownActivity_OrchestratorSeesTaskFailedException()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("CallsNothing", async (context, _) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Missing");
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorMessage;
                }
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("CallsNothing", "nothing-1"));

        Assert.Contains("No activity named 'Missing'", status.ReadOutputAs<string>(), StringComparison.Ordinal);
    }
}
