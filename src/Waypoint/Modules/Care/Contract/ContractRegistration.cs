using Waypoint.Modules.Entitlements.Ledger.UpdatePlan;

namespace Waypoint.Modules.Care.Contract;

/// <summary>The victim contract (item 6) from the care side: its channel checked against the safe-contact profile, its updates and reviews.</summary>
public static class ContractRegistration
{
    public static IServiceCollection AddVictimContractCare(this IServiceCollection services) => services
        .AddScoped<IUpdateChannelCheck, UpdateChannelCheck>()
        .AddScoped<VictimContractQuery>();
}
