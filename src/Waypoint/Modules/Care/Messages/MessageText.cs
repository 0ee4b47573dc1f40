using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Compose;
using Waypoint.Platform.Ui;

namespace Waypoint.Modules.Care.Messages;

/// <summary>How the pages name a message's delivery status.</summary>
public static class MessageText
{
    public static string StatusName(OutboxStatus s) => s switch
    {
        OutboxStatus.Pending => "Waiting to send",
        OutboxStatus.Sending => "Sending",
        OutboxStatus.Sent => "Sent",
        OutboxStatus.Failed => "Trying again",
        OutboxStatus.Dead => "Not sent",
        _ => s.ToString(),
    };

    public static string StatusTag(OutboxStatus s) => s switch
    {
        OutboxStatus.Sent => "govuk-tag--green",
        OutboxStatus.Failed => "govuk-tag--yellow",
        OutboxStatus.Dead => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string StatusDetail(MessageResponse m) => m.Status switch
    {
        OutboxStatus.Sent => $"{FormState.Display(m.SentAt!.Value)}",
        OutboxStatus.Failed => $"{Attempts(m.Attempts)} failed ({m.LastErrorCode}); next try {FormState.Display(m.NextAttemptAt!.Value)}",
        OutboxStatus.Dead => $"Given up after {Attempts(m.Attempts)} ({m.LastErrorCode}). Ask a Unit Administrator to try again from the outbox.",
        _ => m.Attempts == 0 ? "Not tried yet" : $"{Attempts(m.Attempts)} so far",
    };

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";
}
