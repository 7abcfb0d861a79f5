using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Quotas;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// The durable first-come-first-served line for the resource's fine-tuning slots: one instance per task hub
/// (<see cref="QuotaEvents.CoordinatorInstanceId"/>). Runs send requests, releases and refusals; it grants slots in order
/// of arrival within the app's limits and tells each run its place. Its custom status is its whole ledger, so the
/// status API can show the line and a restart after a failure can carry it on.
/// </summary>
public static class QuotaCoordinator
{
    // Keeps the history short: a new generation after this many messages (unread messages carry over).
    private const int MessagesPerGeneration = 100;

    public static async Task<QuotaCoordinatorState> RunAsync(TaskOrchestrationContext context, QuotaCoordinatorState? state)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = state?.Ledger ?? QuotaLedger.Empty;

        // Read once per generation, so a changed setting applies within one generation.
        var limits = await WorkflowTasks.ReadQuotaLimits.CallAsync(context, new ReadQuotaLimitsRequest());
        for (var handled = 0; handled < MessagesPerGeneration; handled++)
        {
            ledger = Settle(context, ledger, limits);
            var message = await NextMessageAsync(context, ledger.NextRecheck);
            if (message is null)
            {
                continue;
            }

            var now = context.CurrentUtcDateTime;
            ledger = message.Type switch
            {
                QuotaMessageType.Request when message is { RequestId: { } id, Kind: { } kind } => ledger.Request(message.Holder, id, kind, now),
                QuotaMessageType.Refused when message.RequestId is { } id =>
                    ledger.Refuse(message.Holder, id, message.Reason ?? "refused for quota", now + limits.RecheckAfterRefusal),
                QuotaMessageType.Release => ledger.Release(message.Holder, message.Kind),
                _ => ledger,
            };
        }

        ledger = Settle(context, ledger, limits);
        context.ContinueAsNew(new QuotaCoordinatorState(ledger));
        return new QuotaCoordinatorState(ledger);
    }

    private static QuotaLedger Settle(TaskOrchestrationContext context, QuotaLedger ledger, QuotaLimits limits)
    {
        var (settled, notices) = ledger.Settle(limits, context.CurrentUtcDateTime);
        foreach (var notice in notices)
        {
            context.SendEvent(notice.Holder, QuotaEvents.Notice, notice);
        }

        context.SetCustomStatus(new QuotaCoordinatorState(settled, limits));
        return settled;
    }

    /// <returns>The next message, or null when a refused kind's recheck time came first.</returns>
    private static async Task<QuotaMessage?> NextMessageAsync(TaskOrchestrationContext context, DateTime? recheckAt)
    {
        if (recheckAt is null)
        {
            return await context.WaitForExternalEvent<QuotaMessage>(QuotaEvents.Message);
        }

        using var stop = new CancellationTokenSource();
        var message = context.WaitForExternalEvent<QuotaMessage>(QuotaEvents.Message, stop.Token);
        var recheck = context.CreateTimer(recheckAt.Value, stop.Token);
        var first = await Task.WhenAny(message, recheck);
        stop.Cancel();
        return first == message ? message.Result : null;
    }
}

/// <summary>The coordinator's input across generations, and its custom status (with the limits it applies).</summary>
public sealed record QuotaCoordinatorState(QuotaLedger Ledger, QuotaLimits? Limits = null);
