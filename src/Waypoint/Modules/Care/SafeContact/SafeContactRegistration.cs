using Waypoint.Modules.Care.SafeContact.Contacts;
using Waypoint.Modules.Care.SafeContact.Profile;
using Waypoint.Modules.Care.SafeContact.Protocols;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.SafeContact;

/// <summary>Services and API of the safe-contact profile, the category protocols and the contact log.</summary>
public static class SafeContactRegistration
{
    public static IServiceCollection AddSafeContact(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ProtocolOptions>(o => o.Protocols = config.GetSection("Waypoint:Care:Protocols").Get<List<ContactProtocol>>() ?? []);
        return services
            .AddScoped<ContactProfileHandler>()
            .AddScoped<ProtocolsHandler>()
            .AddScoped<RecordContactHandler>();
    }

    public static RouteGroupBuilder MapSafeContactApi(this RouteGroupBuilder api)
    {
        var care = api.MapGroup("/cases/{caseId:guid}").WithTags("Safe contact");

        care.MapGet("/contact-profile", async (Guid caseId, ActorAccessor actors, ContactProfileHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(caseId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The victim's safe-contact profile (seeded from the police feed's flags until someone saves it: saved is false).")
            .Produces<ContactProfileDto>();

        care.MapPut("/contact-profile", async (Guid caseId, ContactProfileDto request, ActorAccessor actors, ContactProfileHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Save the safe-contact profile. Send the version you read (0 before the first save); a changed version answers 409.")
            .Produces<ContactProfileDto>();

        care.MapGet("/contacts", async (Guid caseId, ActorAccessor actors, RecordContactHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The contact log of the case, newest first.")
            .Produces<List<ContactResponse>>();

        care.MapPost("/contacts", async (Guid caseId, RecordContactRequest request, ActorAccessor actors, RecordContactHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a contact or attempt. A contact the safe-contact profile forbids answers 400 naming the refusal, unless overrideReason is given (kept and audited).")
            .Produces<RecordedContact>();

        return api;
    }
}
