namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>
/// An overdue obligation brought to the Team Leaders of its owner's team (or of the organisation, when the case has
/// no team): one per obligation, however long it stays overdue. It closes when the obligation is met or set aside.
/// </summary>
public sealed class Escalation
{
    private Escalation() { }

    public Escalation(Obligation obligation, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = obligation.OrganisationId;
        ObligationId = obligation.Id;
        CaseId = obligation.CaseId;
        TeamId = obligation.OwnerTeamId;
        OfficerId = obligation.OwnerUserId;
        Rule = obligation.Rule;
        DueOn = obligation.DueOn;
        RaisedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ObligationId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? OfficerId { get; private set; }
    public string Rule { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public void Close(DateTime now) => ClosedAt ??= now;

    /// <summary>An open escalation follows its case to a new team and officer, so the right Team Leaders see it.</summary>
    public void FollowAllocation(Guid? teamId, Guid? officerId)
    {
        if (IsOpen)
        {
            TeamId = teamId;
            OfficerId = officerId;
        }
    }
}
