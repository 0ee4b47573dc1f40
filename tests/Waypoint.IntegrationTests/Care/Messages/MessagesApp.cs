using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Outbox;
using Waypoint.Modules.Care.Messages.Senders;

namespace Waypoint.IntegrationTests.Care.Messages;

/// <summary>
/// A sender that records every delivery it is asked to make (per message id), can be taken down, and answers
/// <see cref="FindAsync"/> from what it recorded, as a provider that knows its references does.
/// </summary>
public sealed class RecordingSender : IMessageSender
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>How long a send takes: widens the window in which concurrent dispatchers could collide.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public string Name => "Recording";

    public int DeliveriesOf(Guid messageId) => Deliveries.GetValueOrDefault(messageId);

    public async Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (Down)
        {
            throw new MessageSendException("test-sender-down", permanent: false);
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }
        Deliveries.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        return new SendReceipt("rec-" + message.MessageId.ToString("N"));
    }

    public Task<SendReceipt?> FindAsync(Guid messageId, ContactChannel channel, CancellationToken ct) =>
        Task.FromResult(Deliveries.ContainsKey(messageId) ? new SendReceipt("rec-" + messageId.ToString("N")) : null);
}

/// <summary>Waypoint with the recording sender in place of the configured one, and the background dispatcher off: tests run passes themselves.</summary>
public sealed class MessagesApp : WaypointApp
{
    public RecordingSender Sender { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:Messages:Outbox:Enabled"] = "false",
        ["Waypoint:Messages:Outbox:MaxAttempts"] = "3",
        ["Waypoint:Messages:Outbox:LeaseSeconds"] = "300",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IMessageSender>(Sender));
    }

    /// <summary>The app's dispatcher, as the background job runs it.</summary>
    internal OutboxDispatcher Dispatcher => Service<OutboxDispatcher>();

    /// <summary>Another dispatcher over the same database and sender: a second process, or the process after a restart.</summary>
    internal OutboxDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(Services);
}
