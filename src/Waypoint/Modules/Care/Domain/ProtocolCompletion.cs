namespace Waypoint.Modules.Care.Domain;

/// <summary>
/// A category contact protocol (domestic abuse, sexual violence, bereaved by homicide, children and young people)
/// worked through before first contact: which protocol, which checklist items were confirmed, by whom and when.
/// The checklists are configuration (<c>Waypoint:Care:Protocols</c>).
/// </summary>
public sealed class ProtocolCompletion
{
    private ProtocolCompletion() { }

    public ProtocolCompletion(Guid caseId, string protocol, string confirmedItems, Guid? byId, string byName, DateTime now)
    {
        Id = Guid.CreateVersion7();
        CaseId = caseId;
        Protocol = protocol;
        ConfirmedItems = confirmedItems;
        ById = byId;
        ByName = byName;
        CompletedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Protocol { get; private set; } = "";

    /// <summary>The checklist items confirmed, one per line, as the checklist worded them at the time.</summary>
    public string ConfirmedItems { get; private set; } = "";
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime CompletedAt { get; private set; }
}
