using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Messages.Compose;
using Waypoint.Modules.Care.Messages.Outbox;
using Waypoint.Modules.Care.Messages.Senders;
using Waypoint.Modules.Care.Messages.Templates;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Messages;

/// <summary>Services and API of message templates, composing and sending messages, the outbox and its senders.</summary>
public static class MessagesRegistration
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.Section);
        services.AddSingleton<IMessageSender>(sp => CreateSender(sp.GetRequiredService<IOptions<MessagesOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxJob>();
        return services
            .AddScoped<MessageTemplatesHandler>()
            .AddScoped<SendMessageHandler>()
            .AddScoped<OutboxAdminHandler>();
    }

    /// <summary>The sender <c>Waypoint:Messages:Sender</c> names: Folder (default), Notify or Smtp.</summary>
    public static IMessageSender CreateSender(MessagesOptions options, IHostEnvironment env) => options.Sender.Trim().ToLowerInvariant() switch
    {
        "" or "folder" => new FolderSender(Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Folder.Path))),
        "notify" => new NotifySender(options.Notify),
        "smtp" => new SmtpSender(options.Smtp),
        var other => throw new InvalidOperationException($"Waypoint:Messages:Sender '{other}' is not known: use Folder, Notify or Smtp."),
    };

    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("").WithTags("Message templates");
        templates.MapGet("/message-templates", async (bool? includeWithdrawn, ActorAccessor actors, MessageTemplatesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(await actors.RequireAsync(ct), includeWithdrawn ?? false, ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The unit's message templates with their language versions (active ones; includeWithdrawn=true for all).")
            .Produces<List<TemplateRow>>();
        templates.MapPost("/admin/message-templates", async (TemplateRequest request, ActorAccessor actors, MessageTemplatesHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, await actors.RequireAsync(ct), ct)).ToHttp(t => $"/api/v1/message-templates/{t.Id}"))
            .RequireAuthorization(Policies.UnitAdministrator)
            .WithSummary("Add a template (Unit Administrator): name, channel (letter, email, text_message), purpose, versions [{language, subject, body}] with ((merge_fields)); English required; an unknown merge field answers 400.")
            .Produces<SavedTemplate>(StatusCodes.Status201Created);
        templates.MapPut("/admin/message-templates/{id:guid}", async (Guid id, TemplateRequest request, ActorAccessor actors, MessageTemplatesHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.UnitAdministrator)
            .WithSummary("Edit a template (Unit Administrator); give the version read to detect someone else's change.")
            .Produces<SavedTemplate>();

        var care = api.MapGroup("/cases/{caseId:guid}").WithTags("Messages");
        care.MapGet("/messages", async (Guid caseId, ActorAccessor actors, SendMessageHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's messages with their delivery status (pending, sending, sent, failed, dead), newest first.")
            .Produces<List<MessageResponse>>();
        care.MapPost("/messages/preview", async (Guid caseId, ComposeRequest request, ActorAccessor actors, SendMessageHandler handler, CancellationToken ct) =>
                (await handler.PreviewAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Preview a message: the merged subject and text, the recipient, and the safe-contact profile's refusal if any. Saves nothing; send with the draftId it returns.")
            .Produces<MessagePreview>();
        care.MapPost("/messages", async (Guid caseId, ComposeRequest request, ActorAccessor actors, SendMessageHandler handler, CancellationToken ct) =>
                (await handler.SendAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(m => $"/api/v1/cases/{caseId}/messages/{m.Message.Id}"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Send a message from a template: queued in the outbox with the case's timeline line and the Code action meeting the obligations in meets. Refused (400) when the safe-contact profile forbids it, unless overrideReason is given (kept and audited).")
            .Produces<SentMessage>(StatusCodes.Status201Created);
        care.MapGet("/messages/{messageId:guid}", async (Guid caseId, Guid messageId, ActorAccessor actors, SendMessageHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(caseId, messageId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("One message with its text and delivery status.")
            .Produces<MessageResponse>();
        return api;
    }
}
