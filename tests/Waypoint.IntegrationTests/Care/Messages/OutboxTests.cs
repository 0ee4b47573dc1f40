using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Messages;

/// <summary>The outbox under failure: the sender down, a process that died mid-send, several dispatchers at once. Each message is delivered exactly once.</summary>
public sealed class OutboxTests(MessagesApp app) : IClassFixture<MessagesApp>
{
    private sealed record Unit(Organisation Org, TestUser Admin, TestUser Officer, HttpClient Api, Guid TemplateId);

    private async Task<Unit> UnitAsync()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var adminClient = await app.SignedInAsync(admin);
        var response = await Forms.PostAsync(adminClient, "/admin/message-templates/new", "message-template", new()
        {
            ["Input.Name"] = "Update",
            ["Input.Channel"] = "Letter",
            ["Input.Purpose"] = "InvestigationUpdate",
            ["Input.Active"] = "true",
            ["Input.Versions[0].Language"] = "en",
            ["Input.Versions[0].Subject"] = "Your case ((crime_reference))",
            ["Input.Versions[0].Body"] = "Dear ((victim_name))",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var template = await app.Data.QueryAsync(db => db.MessageTemplates.Where(t => t.OrganisationId == org.Id).Select(t => t.Id).SingleAsync());
        return new Unit(org, admin, officer, app.Api(await app.Data.TokenAsync(org, officer)), template);
    }

    private async Task<Guid> QueueAsync(Unit unit, Guid? caseId = null)
    {
        var id = caseId ?? await app.Data.CaseAsync(unit.Org);
        var sent = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { templateId = unit.TemplateId }), HttpStatusCode.Created);
        return sent.GetProperty("message").GetProperty("id").GetGuid();
    }

    private Task<OutboxMessage> RowAsync(Guid messageId) => app.Data.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(o => o.MessageId == messageId));

    [Fact]
    public async Task With_the_sender_down_a_message_is_retried_after_a_backoff_and_sent_once_when_it_is_back()
    {
        var unit = await UnitAsync();
        var messageId = await QueueAsync(unit);
        var now = DateTime.UtcNow;
        app.Sender.Down = true;
        try
        {
            await app.Dispatcher.DispatchAsync(now);
            var failed = await RowAsync(messageId);
            Assert.Equal(OutboxStatus.Failed, failed.Status);
            Assert.Equal(1, failed.Attempts);
            Assert.Equal("test-sender-down", failed.LastErrorCode);
            Assert.True(failed.NextAttemptAt > now, "the next attempt waits for the backoff");

            // Not due yet: nothing is attempted before the backoff.
            await app.Dispatcher.DispatchAsync(now.AddSeconds(30));
            Assert.Equal(1, (await RowAsync(messageId)).Attempts);
        }
        finally
        {
            app.Sender.Down = false;
        }

        await app.Dispatcher.DispatchAsync(now.AddMinutes(2));
        var sent = await RowAsync(messageId);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal("Recording", sent.Sender);
        Assert.Equal("rec-" + messageId.ToString("N"), sent.ProviderReference);
        await app.Dispatcher.DispatchAsync(now.AddHours(2));
        Assert.Equal(1, app.Sender.DeliveriesOf(messageId));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Disclosure, "Message", messageId));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_given_up_shown_on_the_case_and_the_outbox_and_can_be_tried_again()
    {
        var unit = await UnitAsync();
        var caseId = await app.Data.CaseAsync(unit.Org);
        var messageId = await QueueAsync(unit, caseId);
        var now = DateTime.UtcNow;
        app.Sender.Down = true;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await app.Dispatcher.DispatchAsync(now.AddHours(i * 2));
            }
        }
        finally
        {
            app.Sender.Down = false;
        }
        var dead = await RowAsync(messageId);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(3, dead.Attempts);
        await app.Dispatcher.DispatchAsync(now.AddDays(1));
        Assert.Equal(0, app.Sender.DeliveriesOf(messageId));

        var messages = await JsonAsync(await unit.Api.GetAsync($"/api/v1/cases/{caseId}/messages"), HttpStatusCode.OK);
        Assert.Equal("dead", messages[0].GetProperty("status").GetString());
        var officer = await app.SignedInAsync(unit.Officer);
        Assert.Contains("Not sent", await officer.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        var admin = await app.SignedInAsync(unit.Admin);
        var outbox = await admin.GetStringAsync("/admin/outbox");
        Assert.Contains("test-sender-down", outbox, StringComparison.Ordinal);

        var requeued = await Forms.PostAsync(admin, "/admin/outbox", "requeue", new() { ["Requeue.Id"] = dead.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, requeued.StatusCode);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(messageId)).Status);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Administration, "OutboxMessage", dead.Id));
        await app.Dispatcher.DispatchAsync(DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(messageId)).Status);
        Assert.Equal(1, app.Sender.DeliveriesOf(messageId));
    }

    /// <summary>What a process that died holding the claim leaves behind: the row Sending with a lease, one attempt counted.</summary>
    private async Task<DateTime> ClaimedByADeadProcessAsync(Guid messageId)
    {
        var now = DateTime.UtcNow;
        await app.Data.QueryAsync(async db =>
        {
            var row = await db.OutboxMessages.SingleAsync(o => o.MessageId == messageId);
            row.Claim(now, now.AddMinutes(5));
            return await db.SaveChangesAsync();
        });
        return now;
    }

    [Fact]
    public async Task After_a_crash_before_sending_the_row_waits_for_its_lease_then_another_process_sends_it_once()
    {
        var unit = await UnitAsync();
        var messageId = await QueueAsync(unit);
        var claimedAt = await ClaimedByADeadProcessAsync(messageId);

        // While the lease runs, no other dispatcher touches it.
        await app.NewDispatcher().DispatchAsync(claimedAt.AddMinutes(1));
        Assert.Equal(OutboxStatus.Sending, (await RowAsync(messageId)).Status);
        Assert.Equal(0, app.Sender.DeliveriesOf(messageId));

        // The restarted process takes it over once the lease has run out.
        var restarted = app.NewDispatcher();
        await restarted.DispatchAsync(claimedAt.AddMinutes(6));
        var row = await RowAsync(messageId);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        await restarted.DispatchAsync(claimedAt.AddHours(1));
        Assert.Equal(1, app.Sender.DeliveriesOf(messageId));
    }

    [Fact]
    public async Task After_a_crash_between_sending_and_recording_the_message_is_recognised_by_its_reference_and_not_sent_again()
    {
        var unit = await UnitAsync();
        var messageId = await QueueAsync(unit);
        var claimedAt = await ClaimedByADeadProcessAsync(messageId);
        // The dead process had handed the message to the provider before it could record it.
        app.Sender.Deliveries[messageId] = 1;

        await app.NewDispatcher().DispatchAsync(claimedAt.AddMinutes(6));
        var row = await RowAsync(messageId);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal("rec-" + messageId.ToString("N"), row.ProviderReference);
        Assert.Equal(1, app.Sender.DeliveriesOf(messageId));
    }

    [Fact]
    public async Task Dispatchers_running_at_once_deliver_each_message_exactly_once()
    {
        var unit = await UnitAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await QueueAsync(unit));
        }
        app.Sender.Delay = TimeSpan.FromMilliseconds(20);
        try
        {
            var now = DateTime.UtcNow.AddSeconds(1);
            var dispatchers = Enumerable.Range(0, 4).Select(_ => app.NewDispatcher()).ToList();
            var runs = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchAsync(now))));
            Assert.Equal(ids.Count, runs.Sum(r => r.Sent));
        }
        finally
        {
            app.Sender.Delay = TimeSpan.Zero;
        }
        foreach (var id in ids)
        {
            Assert.Equal(1, app.Sender.DeliveriesOf(id));
            var row = await RowAsync(id);
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.Equal(1, row.Attempts);
        }
    }
}
