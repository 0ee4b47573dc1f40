using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Plan.Outcomes;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.UnitTests.Care;

public sealed class ClosureRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.CreateVersion7();

    private static Actor Officer() => new()
    {
        UserId = Guid.CreateVersion7(),
        Name = "Priya Shah",
        OrganisationId = Org,
        OrganisationName = "Northshire Police",
        OrganisationCode = "NS",
        Roles = new HashSet<string> { Roles.VictimCareOfficer },
        Now = Now,
    };

    private static VictimCase NewCase(Actor actor)
    {
        var person = new Person(Org, Org, "NSP9", new PersonDetails("Morwenna", "Trelawney", null, null, null, "07700 900456", null, null, null, null, "ns1 2ab", null, false), Now);
        var crime = new Crime(Org, "NS/26/9", new CrimeDetails("45", "Theft from a vehicle", new DateOnly(2026, 11, 20), null, null, null, null, null), Now);
        return new VictimCase(Org, person, crime, PersonRole.Victim, CaseSource.Phone, null, actor);
    }

    [Fact]
    public void A_high_risk_case_closes_only_with_an_approver_and_reopens_only_with_a_reason()
    {
        var actor = Officer();
        var c = NewCase(actor);
        c.AssessRisk(RiskLevel.High, "DASH 15", actor);

        var refused = c.Close("Support completed", actor);
        Assert.Equal(ResultKind.Rejected, refused.Kind);
        Assert.Equal(VictimCase.HighRiskClosureRefusal, refused.Reason);
        Assert.NotEqual(CaseStatus.Closed, c.Status);
        Assert.Null(c.ClosedAt);

        Assert.True(c.Close("Support completed", actor, approvedBy: "Tom Leader").Succeeded);
        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.Equal(Now, c.ClosedAt);
        Assert.Equal(ResultKind.Rejected, c.Close("Again", actor, "Tom Leader").Kind);

        Assert.Equal(ResultKind.Rejected, c.Reopen("  ", actor).Kind);
        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.True(c.Reopen("Victim asked for support again", actor).Succeeded);
        Assert.Equal(CaseStatus.Active, c.Status);
        Assert.Null(c.ClosedAt);
        Assert.Equal("Case re-opened: Victim asked for support again", c.Timeline[^1].Summary);
        Assert.Equal(ResultKind.Rejected, c.Reopen("Not closed", actor).Kind);
    }

    [Fact]
    public void Exit_answers_wait_on_the_closure_encoded_and_come_back_unchanged()
    {
        var answers = new List<(string, int?)> { ("coping", 4), ("safety", null), ("justice", 1) };

        var encoded = CaseClosure.Encode(answers);

        Assert.Equal("coping=4;safety=-;justice=1", encoded);
        Assert.Equal(answers, CaseClosure.Decode(encoded));
    }

    [Fact]
    public void Every_question_needs_a_score_from_1_to_5_or_did_not_answer_when_required()
    {
        var options = new OutcomeOptions();
        var errors = new ValidationErrors();
        var answers = new Dictionary<string, string?> { ["coping"] = "5", ["safety"] = "none", ["health"] = "6", ["informed"] = "" };

        Assert.Null(options.Read(answers, required: true, errors));
        var found = errors.ToDictionary();
        Assert.Equal(["Answer-health", "Answer-informed", "Answer-justice"], found.Keys.Order().ToArray());

        var lenient = options.Read(new Dictionary<string, string?> { ["coping"] = "2" }, required: false, new ValidationErrors());
        Assert.NotNull(lenient);
        Assert.Equal(5, lenient.Count);
        Assert.Equal(2, lenient.Single(a => a.QuestionId == "coping").Score);
        Assert.All(lenient.Where(a => a.QuestionId != "coping"), a => Assert.Null(a.Score));
    }
}
