using Collab.Hosting;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Orleans.Dashboard;

namespace Collab.Web.Extensions;

public static class OperatorExtensions
{
    /// <summary>The <see cref="OperatorRequirement.Policy"/> policy and the options it reads.</summary>
    public static WebApplicationBuilder AddCollabOperators(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollabOperatorsOptions>().Bind(builder.Configuration.GetSection(CollabOperatorsOptions.Section));
        builder.Services.AddSingleton<IAuthorizationHandler, OperatorAuthorizationHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorRequirement.Policy, p => p.RequireAuthenticatedUser().AddRequirements(new OperatorRequirement()));
        return builder;
    }

    /// <summary>
    /// The Orleans dashboard, for operators only. Served by web nodes rather than silo hosts: a web node already
    /// authenticates callers (JWT from the OpenID Connect authority) and sits behind the ingress, while a silo
    /// host's HTTP is for probes and scrapes only. The silos gather the figures (see AddCollab).
    /// </summary>
    public static void MapCollabDashboard(this WebApplication app)
    {
        var options = app.Configuration.GetSection(CollabOperatorsOptions.Section).Get<CollabOperatorsOptions>() ?? new();
        if (options.Dashboard) app.MapOrleansDashboard(options.DashboardPath).RequireAuthorization(OperatorRequirement.Policy);
    }
}
