using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Waypoint.Platform.Database;

namespace Waypoint.Platform.Security;

/// <summary>Identity, cookies, API tokens, authorization policies and rate limits.</summary>
public static class SecuritySetup
{
    public const string PolicyScheme = "Waypoint";
    public const string SignInRateLimit = "sign-in";
    public const string ApiRateLimit = "api";

    public static IServiceCollection AddWaypointSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokens.Scheme
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokens.Scheme, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length first (NCSC / NIST 800-63B): long passphrases, no composition rules.
                o.Password.RequiredLength = config.GetValue("Waypoint:Passwords:MinimumLength", 12);
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Waypoint:Lockout:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Waypoint:Lockout:Minutes", 15));
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        var idleMinutes = config.GetValue("Waypoint:IdleTimeoutMinutes", 20);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "waypoint.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(idleMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CaseReader, p => p.RequireAssertion(c => HasRole(c.User, Roles.CaseReaders) || HasPermission(c.User, Permissions.CasesRead)))
            .AddPolicy(Policies.CaseWriter, p => p.RequireAssertion(c => HasRole(c.User, Roles.CaseWriters) || HasPermission(c.User, Permissions.CasesWrite)))
            .AddPolicy(Policies.TeamLeader, p => p.RequireRole(Roles.TeamLeader))
            .AddPolicy(Policies.UnitAdministrator, p => p.RequireRole(Roles.UnitAdministrator))
            .AddPolicy(Policies.Auditor, p => p.RequireRole(Roles.Auditor))
            .AddPolicy(Policies.ComplianceReader, p => p.RequireAssertion(c => HasRole(c.User, Roles.ComplianceReaders) || HasPermission(c.User, Permissions.ComplianceRead)));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var signInPermits = config.GetValue("Waypoint:RateLimits:SignInPerMinute", 10);
            var apiPermits = config.GetValue("Waypoint:RateLimits:ApiPerMinute", 600);
            o.AddPolicy(SignInRateLimit, ctx => ctx.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPermits, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("get"));
            o.AddPolicy(ApiRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.FindFirstValue(WaypointClaims.ApiClientId) ?? ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPermits, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddScoped<ActorAccessor>();
        return services;
    }

    private static bool HasRole(ClaimsPrincipal user, IReadOnlyList<string> roles) => roles.Any(user.IsInRole);

    private static bool HasPermission(ClaimsPrincipal user, string permission) => user.HasClaim(WaypointClaims.Permission, permission);

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Cookie-authenticated API calls that change data must carry an antiforgery token (header RequestVerificationToken);
    /// bearer-token calls cannot be forged by a browser and need none.
    /// </summary>
    public static RouteGroupBuilder RequireAntiforgeryForCookieWrites(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var usesCookie = !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (usesCookie && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                        detail: "Calls signed in with a browser session must send the antiforgery token; machine clients use a bearer token.");
                }
            }
            return await next(ctx);
        });
        return group;
    }
}


/// <summary>Refuses passwords on a short list of the most common ones (length alone does not stop "password1234").</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123456", "123456789012", "qwertyuiop12", "letmein12345", "welcome12345",
        "passwordpassword", "iloveyou1234", "qwertyuiopas", "abc123456789", "000000000000", "111111111111", "administrator",
        "changeme1234", "waypoint1234", "policepolice", "trustno1trustno1",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is not null && (Common.Contains(password) || string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Choose a password that is harder to guess: avoid common passwords and your username",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
