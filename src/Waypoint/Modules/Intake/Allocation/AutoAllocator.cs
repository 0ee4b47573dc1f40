namespace Waypoint.Modules.Intake.Allocation;

/// <summary>A case waiting for an officer, as automatic allocation sees it.</summary>
public sealed record AutoCase(Guid Id, int Priority, DateTime CreatedAt, IReadOnlyList<string> NeededSkills);

/// <summary>An officer who can take cases: their skills and how many open cases they hold now.</summary>
public sealed record AutoOfficer(Guid Id, string Name, IReadOnlySet<string> Skills, int OpenCases);

/// <summary>One decision: the case goes to the officer; <see cref="MissingSkills"/> lists what no suitable officer had.</summary>
public sealed record AutoAssignment(Guid CaseId, Guid OfficerId, IReadOnlyList<string> MissingSkills)
{
    public bool Skilled => MissingSkills.Count == 0;
}

/// <summary>
/// Automatic allocation's decision, without a database: priority 1 first, oldest first within a priority; each case
/// goes to the officer who has the most of the skills it needs (all of them, ideally) and, among those, the lowest
/// open caseload, counting the cases given out so far. Ties go to the officer first by name, then id, so the same
/// input always gives the same plan.
/// </summary>
public static class AutoAllocator
{
    public static IReadOnlyList<AutoAssignment> Plan(IEnumerable<AutoCase> cases, IReadOnlyList<AutoOfficer> officers)
    {
        if (officers.Count == 0)
        {
            return [];
        }
        var load = officers.ToDictionary(o => o.Id, o => o.OpenCases);
        var plan = new List<AutoAssignment>();
        foreach (var c in cases.OrderBy(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id))
        {
            var chosen = officers
                .OrderByDescending(o => c.NeededSkills.Count(o.Skills.Contains))
                .ThenBy(o => load[o.Id])
                .ThenBy(o => o.Name, StringComparer.Ordinal)
                .ThenBy(o => o.Id)
                .First();
            load[chosen.Id]++;
            plan.Add(new AutoAssignment(c.Id, chosen.Id, c.NeededSkills.Where(s => !chosen.Skills.Contains(s)).ToList()));
        }
        return plan;
    }
}
