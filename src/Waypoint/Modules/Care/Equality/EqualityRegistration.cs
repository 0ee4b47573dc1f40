using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Equality;

/// <summary>Services and API of equality monitoring (issue 5, item 8): the answers are never returned, only whether monitoring was agreed.</summary>
public static class EqualityRegistration
{
    public static IServiceCollection AddEquality(this IServiceCollection services) => services
        .AddScoped<EqualityHandler>()
        .AddScoped<EqualityReportHandler>();

    public static RouteGroupBuilder MapEqualityApi(this RouteGroupBuilder api)
    {
        var care = api.MapGroup("/cases/{caseId:guid}/equality").WithTags("Equality monitoring");
        care.MapGet("", async (Guid caseId, ActorAccessor actors, EqualityHandler handler, CancellationToken ct) =>
                (await handler.StatusAsync(caseId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("Whether the victim agreed to equality monitoring (never the answers).")
            .Produces<EqualityStatus>();
        care.MapPut("", async (Guid caseId, EqualityRequest request, ActorAccessor actors, EqualityHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record the victim's agreement (agreed must be true; agreedOn; agreedHow: phone, in-person, writing, online) and their answers, each optional: ageBand, sex, genderIdentity, ethnicity, religion, sexualOrientation, disability, pregnancy, maritalStatus (codes as on the form, or prefer-not-to-say).")
            .Produces<EqualityStatus>();
        care.MapDelete("", async (Guid caseId, ActorAccessor actors, EqualityHandler handler, CancellationToken ct) =>
                (await handler.WithdrawAsync(caseId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("The victim withdrew their agreement: the answers are erased (logged as erasure).")
            .Produces<EqualityStatus>();

        api.MapGet("/reports/equality", async (string? from, string? to, ActorAccessor actors, EqualityReportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(from, to, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.ComplianceReader)
            .WithTags("Equality monitoring")
            .WithSummary("The organisation's equality monitoring over people whose cases were opened from..to (UK dates; default the last 12 months); counts under 5 are null (suppressed).")
            .Produces<EqualityReport>();
        return api;
    }
}
