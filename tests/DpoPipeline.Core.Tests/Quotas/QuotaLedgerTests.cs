using DpoPipeline.Core.Quotas;
using Xunit;

namespace DpoPipeline.Core.Tests.Quotas;

public sealed class QuotaLedgerTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly QuotaLimits OneJobTwoDeployments = new(1, 2, TimeSpan.FromMinutes(5));

    [Fact]
    public void Slots_are_granted_in_arrival_order_and_the_rest_wait_with_their_place_and_the_reason()
    {
        var ledger = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Request("run-c", "c1", QuotaKind.FineTuningJob, Now);

        var (settled, notices) = ledger.Settle(OneJobTwoDeployments, Now);

        Assert.Equal(["run-a"], settled.Holders.Select(c => c.Holder));
        Assert.Equal(["run-b", "run-c"], settled.Waiters.Select(c => c.Holder));
        Assert.Equal(
            [("run-a", true, 0, null), ("run-b", false, 1, "jobs: 1/1 running"), ("run-c", false, 2, "jobs: 1/1 running")],
            notices.Select(n => (n.Holder, n.Granted, n.Position, n.Reason)));
    }

    [Fact]
    public void A_released_slot_goes_to_the_next_in_line_and_only_changed_places_are_told()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Request("run-c", "c1", QuotaKind.FineTuningJob, Now)
            .Settle(OneJobTwoDeployments, Now);

        var (settled, notices) = ledger.Release("run-a").Settle(OneJobTwoDeployments, Now);

        Assert.Equal(["run-b"], settled.Holders.Select(c => c.Holder));
        Assert.Equal([("run-b", true, 0), ("run-c", false, 1)], notices.Select(n => (n.Holder, n.Granted, n.Position)));
        Assert.Empty(settled.Settle(OneJobTwoDeployments, Now).Notices);
    }

    [Fact]
    public void Kinds_are_limited_separately()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Request("run-c", "c1", QuotaKind.FineTunedDeployment, Now)
            .Request("run-d", "d1", QuotaKind.FineTunedDeployment, Now)
            .Request("run-e", "e1", QuotaKind.FineTunedDeployment, Now)
            .Settle(OneJobTwoDeployments, Now);

        Assert.Equal(["run-a", "run-c", "run-d"], ledger.Holders.Select(c => c.Holder));
        var waiting = Assert.Single(ledger.Waiters, c => c.Kind == QuotaKind.FineTunedDeployment);
        Assert.Equal("run-e", waiting.Holder);
        Assert.Equal("1: deployments: 2/2", waiting.Told);
    }

    [Fact]
    public void Asking_again_with_the_same_request_keeps_the_place_and_repeats_the_answer()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Settle(OneJobTwoDeployments, Now);

        var (again, notices) = ledger.Request("run-b", "b1", QuotaKind.FineTuningJob, Now.AddMinutes(1)).Settle(OneJobTwoDeployments, Now);

        Assert.Equal(ledger.NextTicket, again.NextTicket);
        var notice = Assert.Single(notices);
        Assert.Equal(("run-b", "b1", false, 1), (notice.Holder, notice.RequestId, notice.Granted, notice.Position));
    }

    [Fact]
    public void Cancelling_a_waiting_run_frees_its_place_for_those_behind_it()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Request("run-c", "c1", QuotaKind.FineTuningJob, Now)
            .Settle(OneJobTwoDeployments, Now);

        var (settled, notices) = ledger.Release("run-b").Settle(OneJobTwoDeployments, Now);

        Assert.Equal(["run-c"], settled.Waiters.Select(c => c.Holder));
        Assert.Equal([("run-c", 1)], notices.Select(n => (n.Holder, n.Position)));
    }

    [Fact]
    public void A_refused_slot_goes_back_to_the_front_and_the_kind_stays_closed_until_its_retry_time()
    {
        var limits = new QuotaLimits(2, 5, TimeSpan.FromMinutes(5));
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Settle(limits, Now);

        var (refused, notices) = ledger.Refuse("run-a", "a1", "Too many jobs queued.", Now.AddMinutes(5)).Settle(limits, Now);

        Assert.Equal(["run-b"], refused.Holders.Select(c => c.Holder));
        var waiting = Assert.Single(notices);
        Assert.Equal(("run-a", false, 1), (waiting.Holder, waiting.Granted, waiting.Position));
        Assert.StartsWith("refused by the service until 2026-12-06 12:05:00Z: Too many jobs queued.", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(5), refused.NextRecheck);

        var (reopened, granted) = refused.Request("run-c", "c1", QuotaKind.FineTuningJob, Now).Settle(limits, Now.AddMinutes(5));
        Assert.Null(reopened.NextRecheck);
        Assert.Equal([("run-a", true)], granted.Where(n => n.Granted).Select(n => (n.Holder, n.Granted)));
        Assert.Equal(["run-c"], reopened.Waiters.Select(c => c.Holder));
    }

    [Fact]
    public void A_slot_freed_in_the_service_reopens_a_refused_kind_at_once()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTunedDeployment, Now)
            .Request("run-b", "b1", QuotaKind.FineTunedDeployment, Now)
            .Settle(OneJobTwoDeployments, Now);
        var refused = ledger.Refuse("run-b", "b1", "InsufficientQuota", Now.AddHours(1));

        var (settled, notices) = refused.Release("run-a").Settle(OneJobTwoDeployments, Now);

        Assert.Equal(["run-b"], settled.Holders.Select(c => c.Holder));
        Assert.Contains(notices, n => n is { Holder: "run-b", Granted: true });
    }

    [Fact]
    public void A_new_request_of_a_holder_for_a_kind_replaces_its_earlier_one()
    {
        var (ledger, _) = QuotaLedger.Empty.Request("run-a", "a1", QuotaKind.FineTuningJob, Now).Settle(OneJobTwoDeployments, Now);

        var (settled, _) = ledger.Request("run-a", "a2", QuotaKind.FineTuningJob, Now).Settle(OneJobTwoDeployments, Now);

        var held = Assert.Single(settled.Holders);
        Assert.Equal("a2", held.RequestId);
    }

    [Fact]
    public void The_ledger_survives_a_round_trip_through_json_as_the_coordinator_carries_it()
    {
        var (ledger, _) = QuotaLedger.Empty
            .Request("run-a", "a1", QuotaKind.FineTuningJob, Now)
            .Request("run-b", "b1", QuotaKind.FineTuningJob, Now)
            .Settle(OneJobTwoDeployments, Now);
        ledger = ledger.Refuse("run-a", "a1", "busy", Now.AddMinutes(1));
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());

        var copy = System.Text.Json.JsonSerializer.Deserialize<QuotaLedger>(System.Text.Json.JsonSerializer.Serialize(ledger, options), options)!;

        Assert.Equal(ledger.Holders, copy.Holders);
        Assert.Equal(ledger.Waiters, copy.Waiters);
        Assert.Equal(ledger.NextTicket, copy.NextTicket);
        Assert.Equal(ledger.Refusals[QuotaKind.FineTuningJob], copy.Refusals[QuotaKind.FineTuningJob]);
    }
}
