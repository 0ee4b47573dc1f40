using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.UnitTests.Care;

public sealed class OutboxMessageTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage Row()
    {
        var actor = Actor.System(Guid.NewGuid(), T0);
        var template = new MessageTemplate(actor.OrganisationId, "Update", ContactChannel.Letter, MessagePurpose.InvestigationUpdate, actor);
        var message = new Message(Guid.CreateVersion7(), actor.OrganisationId, Guid.NewGuid(), Guid.NewGuid(), template, "en", "Subject", "Body", "1 Street\nNS1 1AB", null, null, actor);
        return new OutboxMessage(message);
    }

    [Fact]
    public void A_claimed_row_is_not_due_until_its_lease_runs_out()
    {
        var row = Row();
        Assert.True(row.IsDue(T0));
        row.Claim(T0, T0.AddMinutes(5));
        Assert.Equal(OutboxStatus.Sending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.False(row.IsDue(T0.AddMinutes(4)));
        Assert.Throws<InvalidOperationException>(() => row.Claim(T0.AddMinutes(4), T0.AddMinutes(9)));
        Assert.True(row.IsDue(T0.AddMinutes(5)));
    }

    [Fact]
    public void Failures_back_off_exponentially_up_to_an_hour_and_the_last_attempt_gives_up()
    {
        var row = Row();
        var now = T0;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            row.Claim(now, now.AddMinutes(5));
            row.AttemptFailed(now, "Folder", "folder-io", permanent: false, maxAttempts: 4);
            Assert.Equal(OutboxStatus.Failed, row.Status);
            Assert.Equal(now.AddMinutes(Math.Pow(2, attempt - 1)), row.NextAttemptAt);
            Assert.False(row.IsDue(now));
            now = row.NextAttemptAt;
        }
        row.Claim(now, now.AddMinutes(5));
        row.AttemptFailed(now, "Folder", "folder-io", permanent: false, maxAttempts: 4);
        Assert.Equal(OutboxStatus.Dead, row.Status);
        Assert.False(row.IsDue(now.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(1), OutboxMessage.Backoff(20));
    }

    [Fact]
    public void A_permanent_failure_gives_up_at_once_and_a_requeued_row_starts_again()
    {
        var row = Row();
        row.Claim(T0, T0.AddMinutes(5));
        row.AttemptFailed(T0, "Notify", "notify-400", permanent: true, maxAttempts: 8);
        Assert.Equal(OutboxStatus.Dead, row.Status);
        row.Requeue(T0.AddHours(1));
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.True(row.IsDue(T0.AddHours(1)));
        row.Claim(T0.AddHours(1), T0.AddHours(2));
        row.Delivered(T0.AddHours(1), "Notify", "ref-1");
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.False(row.IsDue(T0.AddDays(1)));
        Assert.Equal(row.MessageId.ToString("D"), row.IdempotencyKey);
    }
}
