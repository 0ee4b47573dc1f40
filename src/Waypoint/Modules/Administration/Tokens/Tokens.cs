using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Tokens;

/// <summary>An API token as the administrator sees it: never its secret, which is not stored.</summary>
public sealed record TokenRow(
    Guid Id,
    string ClientName,
    string Prefix,
    IReadOnlyList<string> Permissions,
    string? IssuedBy,
    DateTime IssuedAt,
    DateTime ExpiresAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt,
    string Status);

public sealed class IssueTokenRequest
{
    public string? ClientName { get; set; }
    public List<string> Permissions { get; set; } = [];

    /// <summary>How many days the token lasts, 1 to 365.</summary>
    public int? ExpiresInDays { get; set; }
}

/// <summary>The new token with its secret: the only time the secret is given out.</summary>
public sealed record IssuedToken(Guid Id, string ClientName, string Token, string Prefix, IReadOnlyList<string> Permissions, DateTime ExpiresAt);

/// <summary>Issuing, listing and revoking the organisation's API tokens for machine clients.</summary>
internal sealed class TokensHandler(AppDbContext db, AuditScope audit)
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    public async Task<Result<IReadOnlyList<TokenRow>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var tokens = await Query(actor, null).ToListAsync(ct);
        var rows = tokens
            .Select(t => t.Row(actor.Now))
            .OrderBy(t => t.Status == Active ? 0 : 1).ThenByDescending(t => t.IssuedAt)
            .ToList();
        return Result<IReadOnlyList<TokenRow>>.Ok(rows);
    }

    public async Task<Result<TokenRow>> GetAsync(Guid tokenId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var token = await Query(actor, tokenId).SingleOrDefaultAsync(ct);
        return token is null ? Fail.NotFound : Result<TokenRow>.Ok(token.Row(actor.Now));
    }

    public async Task<Result<IssuedToken>> IssueAsync(IssueTokenRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        errors.Required(r.ClientName, nameof(r.ClientName), "Enter the name of the client that will use the token");
        errors.MaxLength(r.ClientName, 200, nameof(r.ClientName), "The client's name");
        var permissions = (r.Permissions ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        if (permissions.Count == 0)
        {
            errors.Add(nameof(r.Permissions), "Select at least one permission");
        }
        else if (permissions.Any(p => !Permissions.All.Contains(p)))
        {
            errors.Add(nameof(r.Permissions), "Select permissions from the list");
        }
        if (r.ExpiresInDays is not { } days)
        {
            errors.Add(nameof(r.ExpiresInDays), "Enter how many days the token lasts");
        }
        else if (days is < 1 or > 365)
        {
            errors.Add(nameof(r.ExpiresInDays), "The number of days must be between 1 and 365");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var secret = ApiTokens.NewSecret();
        var token = new ApiToken(actor.OrganisationId, r.ClientName!, ApiTokens.HashOf(secret), ApiTokens.DisplayPrefix(secret),
            permissions, actor.Now.AddDays(r.ExpiresInDays!.Value), actor.UserId!.Value, actor.Now);
        db.ApiTokens.Add(token);
        // The secret is never logged: the entry names the client, what it may do and for how long.
        audit.Record(AuditOperation.Administration, "ApiToken", token.Id.ToString(),
            detail: $"API token issued to '{token.ClientName}', expiring {token.ExpiresAt:yyyy-MM-dd}",
            field: nameof(ApiToken.Permissions), newValue: token.Permissions, recipient: token.ClientName);
        await db.SaveChangesAsync(ct);
        return Result<IssuedToken>.Created(new IssuedToken(token.Id, token.ClientName, secret, token.Prefix, token.PermissionList, token.ExpiresAt));
    }

    public async Task<Result> RevokeAsync(Guid tokenId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.OrganisationId == actor.OrganisationId, ct);
        if (token is null)
        {
            return Result.NotFound();
        }
        if (token.RevokedAt is not null)
        {
            return Result.Ok();
        }
        token.Revoke(actor.Now);
        audit.Record(AuditOperation.Administration, "ApiToken", token.Id.ToString(),
            detail: $"API token of '{token.ClientName}' revoked: it no longer works",
            field: nameof(ApiToken.RevokedAt), newValue: token.RevokedAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private IQueryable<TokenData> Query(Actor actor, Guid? tokenId)
    {
        var orgId = actor.OrganisationId;
        var tokens = db.ApiTokens.AsNoTracking().Where(t => t.OrganisationId == orgId);
        if (tokenId is { } id)
        {
            tokens = tokens.Where(t => t.Id == id);
        }
        return tokens
            .Select(t => new TokenData(t.Id, t.ClientName, t.Prefix, t.Permissions,
                db.Users.Where(u => u.Id == t.IssuedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                t.IssuedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt));
    }

    private sealed record TokenData(Guid Id, string ClientName, string Prefix, string Permissions, string? IssuedBy, DateTime IssuedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
    {
        public TokenRow Row(DateTime now) => new(Id, ClientName, Prefix, Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), IssuedBy,
            IssuedAt, ExpiresAt, LastUsedAt, RevokedAt, RevokedAt is not null ? Revoked : ExpiresAt <= now ? Expired : Active);
    }
}
