using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Quotas;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// A run's side of the quota line: asks the coordinator for a slot and waits its turn, showing its place in the run's
/// status (phase <see cref="RunPhase.Queued"/>, entered only when the slot is not free at once). The run is the holder,
/// by its instance id, so a release names everything it holds.
/// </summary>
internal static class QuotaGate
{
    /// <summary>Waits for a slot of <paramref name="kind"/>.</summary>
    /// <returns>The slot, or null when the run was cancelled while it waited (its place is given up).</returns>
    public static Task<QuotaSlot?> AcquireAsync(
        TaskOrchestrationContext context, QuotaKind kind, RunStatusTracker status, RunTiming timing, Task<CancelRequest> cancel)
    {
        var slot = new QuotaSlot(kind, context.NewGuid().ToString("N"));
        Send(context, new QuotaMessage(QuotaMessageType.Request, context.InstanceId, slot.RequestId, kind));
        return WaitForGrantAsync(context, slot, status, timing, cancel);
    }

    /// <summary>
    /// Runs <paramref name="step"/> once the run holds a slot of <paramref name="kind"/>. When the service refuses the
    /// step for quota anyway (someone outside the pipeline uses the resource), the run goes back to the front of the line
    /// and runs the step again at its next turn.
    /// </summary>
    /// <returns>What the step returned, or null when the run was cancelled while it waited.</returns>
    public static async Task<T?> RunWithSlotAsync<T>(
        TaskOrchestrationContext context, QuotaKind kind, RunStatusTracker status, RunTiming timing, Task<CancelRequest> cancel, Func<Task<T>> step)
        where T : class
    {
        var slot = await AcquireAsync(context, kind, status, timing, cancel);
        while (slot is not null)
        {
            try
            {
                return await step();
            }
            catch (TaskFailedException refusal) when (StepFailureDetails.IsQuotaRefusal(refusal))
            {
                slot = await RequeueAsync(context, slot, StepFailureDetails.ToRunError(refusal).Message, status, timing, cancel);
            }
        }

        return null;
    }

    /// <summary>The service refused the granted slot: back to the front of the line, and wait again.</summary>
    private static Task<QuotaSlot?> RequeueAsync(
        TaskOrchestrationContext context, QuotaSlot slot, string refusal, RunStatusTracker status, RunTiming timing, Task<CancelRequest> cancel)
    {
        Send(context, new QuotaMessage(QuotaMessageType.Refused, context.InstanceId, slot.RequestId, slot.Kind, refusal));
        return WaitForGrantAsync(context, slot, status, timing, cancel);
    }

    /// <summary>Gives up the run's slot of <paramref name="kind"/>, or everything it holds and waits for.</summary>
    public static void Release(TaskOrchestrationContext context, QuotaKind? kind = null) =>
        Send(context, new QuotaMessage(QuotaMessageType.Release, context.InstanceId, Kind: kind));

    private static async Task<QuotaSlot?> WaitForGrantAsync(
        TaskOrchestrationContext context, QuotaSlot slot, RunStatusTracker status, RunTiming timing, Task<CancelRequest> cancel)
    {
        var queued = false;
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var notice = context.WaitForExternalEvent<QuotaNotice>(QuotaEvents.Notice, stop.Token);

            // Asking again now and then costs nothing and heals a lost message or a coordinator that was restarted.
            var askAgain = context.CreateTimer(context.CurrentUtcDateTime + timing.QueueRefresh, stop.Token);
            var first = await Task.WhenAny(notice, askAgain, cancel);
            stop.Cancel();
            if (first == cancel)
            {
                Release(context, slot.Kind);
                return null;
            }

            if (first == askAgain)
            {
                Send(context, new QuotaMessage(QuotaMessageType.Request, context.InstanceId, slot.RequestId, slot.Kind));
                continue;
            }

            var answer = notice.Result;
            if (answer.RequestId != slot.RequestId)
            {
                continue; // about an earlier request of this run
            }

            if (answer.Granted)
            {
                if (queued)
                {
                    status.Update(s => s with { Queue = null });
                }

                return slot;
            }

            if (!queued)
            {
                status.Enter(RunPhase.Queued);
                queued = true;
            }

            status.Update(s =>
            {
                var place = new QueuePlace(slot.Kind, answer.Position, answer.Reason ?? string.Empty, answer.Ticket, s.Queue?.Since ?? context.CurrentUtcDateTime);
                return s with { Message = $"Queued {place.Describe()}.", Queue = place };
            });
        }
    }

    private static void Send(TaskOrchestrationContext context, QuotaMessage message) =>
        context.SendEvent(QuotaEvents.CoordinatorInstanceId, QuotaEvents.Message, message);
}
