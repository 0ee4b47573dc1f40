using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration;

/// <summary>
/// Creates an organisation and its first Unit Administrator from the command line, for a fresh installation:
/// <c>create-organisation --code NS --name "Northshire Police" --type PoliceForce --admin admin.ns --admin-name "Ada Admin"</c>.
/// </summary>
public static class OrganisationBootstrap
{
    public static async Task<int> RunAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var code = Arg("--code");
        var name = Arg("--name");
        var adminUser = Arg("--admin");
        var adminName = Arg("--admin-name") ?? adminUser;
        if (code is null || name is null || adminUser is null || !Enum.TryParse<OrganisationType>(Arg("--type") ?? "", true, out var type))
        {
            output.WriteLine("Usage: create-organisation --code CODE --name NAME --type PoliceForce|PccVictimHub|RegionalOrganisedCrimeUnit|WitnessCareUnit --admin USERNAME [--admin-name NAME]");
            return 2;
        }
        var db = sp.GetRequiredService<AppDbContext>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.Organisations.AnyAsync(o => o.Code == Organisation.NormaliseCode(code)))
        {
            output.WriteLine($"An organisation with code {code} already exists.");
            return 1;
        }
        var org = new Organisation(code, name, type, now);
        db.Organisations.Add(org);
        var audit = sp.GetRequiredService<AuditScope>();
        audit.Actor = Actor.System(org.Id, now, "command line");
        audit.Record(AuditOperation.Administration, "Organisation", org.Id.ToString(), detail: $"Organisation {org.Code} created from the command line");
        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var password = NewTemporaryPassword();
        var user = new AppUser { UserName = adminUser, DisplayName = adminName!, OrganisationId = org.Id, CreatedAt = now, MustChangePassword = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            output.WriteLine(string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.UnitAdministrator);
        audit.Record(AuditOperation.Administration, "User", user.Id.ToString(), detail: $"First Unit Administrator {adminUser} created from the command line");
        await db.SaveChangesAsync();
        output.WriteLine($"Organisation {org.Code} created. Unit Administrator '{adminUser}' has the temporary password: {password}");
        output.WriteLine("They must change it and set up two-factor authentication when they first sign in.");
        return 0;
    }

    /// <summary>Four random words' worth of entropy in a form people can type: 20 base-32 characters in groups.</summary>
    public static string NewTemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 5, 5)));
    }
}
