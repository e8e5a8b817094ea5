using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Com.Silo.RemoteSupport;

public static class RemoteSupportHosting
{
    /// <summary>
    /// What every process serving the UI needs of remote support: its settings, for the PAC file, and their addresses,
    /// for the customer page's commands, which must name the hosts this same configuration makes the proxy accept.
    /// </summary>
    public static WebApplicationBuilder AddRemoteSupportSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxySettings>().BindConfiguration(ProxySettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MaintenanceAddressing>(services => services.GetRequiredService<IOptions<ProxySettings>>().Value);
        builder.Services.AddSingleton<RelayPasses>();
        builder.Services.AddSingleton<RelayRights>();
        return builder;
    }

    /// <summary>The remote-support proxy: its own TLS port on every silo, same identity certificate as the web front.</summary>

    public static WebApplicationBuilder AddRemoteSupportProxy(this WebApplicationBuilder builder, X509Certificate2 certificate)
    {
        builder.Services.TryAddSingleton<ProxyAccountStore>();
        builder.Services.TryAddSingleton<TunnelSessionStore>();
        builder.Services.AddSingleton<ProxySignIn>();
        builder.Services.AddSingleton<TunnelRendezvous>();
        builder.Services.AddSingleton<TunnelOpener>();
        builder.Services.AddSingleton<TunnelDialBack>();
        builder.Services.AddSingleton<LiveTunnels>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveTunnels>());
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<RelayAdmission>();
        builder.Services.AddSingleton<AdminRelay>();
        // The tunnel sessions page ends a tunnel through the silo holding it; see ITunnelHostRegistryGrain.
        builder.Services.AddHostedService<TunnelHostRegistration>();
        var settings = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings();
        if (settings.Port != 0)
        {
            builder.Services.AddSingleton<ProxyConnectionHandler>();
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<MaintenanceListener>(services, certificate));
        }
        if (settings.RelayPort != 0)
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.RelayPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            }));
        return builder;
    }

    /// <summary>
    /// The admin relay owns its port whole: requests there never reach the UI, and relay addresses exist nowhere else.
    /// Must come before the UI's path base.
    /// </summary>
    public static WebApplication UseAdminRelay(this WebApplication app)
    {
        var port = app.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>()?.RelayPort ?? new ProxySettings().RelayPort;
        if (port != 0)
            app.UseWhen(http => http.Connection.LocalPort == port, relay => relay.Run(http => http.RequestServices.GetRequiredService<AdminRelay>().HandleAsync(http)));
        return app;
    }

    /// <summary>
    /// "Launch application → Web Manager": hands a signed-in user who may see the customer over to the admin relay with
    /// a one-minute ticket (SPEC RS-7).
    /// </summary>
    public static WebApplication MapAdminRelayLaunch(this WebApplication app)
    {
        app.MapGet("/relay/open/{customerId}", async (HttpContext http, string customerId, RelayRights rights, RelayPasses passes, IOptions<ProxySettings> options) =>
        {
            if (!Com.Grains.Interfaces.Customers.CustomerIds.IsValid(customerId) || Com.WebFront.Accounts.CapabilityPolicies.RoleOf(http.User) is not { } role
                || http.User.Identity?.Name is not { } login)
                return Results.NotFound();
            // A customer this user may not see gets the same answer as one that does not exist.
            if (!await rights.SeesAsync(new Com.Grains.Interfaces.Accounts.Actor(login, role), customerId))
                return Results.NotFound();
            var stamp = http.User.FindFirst(Com.WebFront.Accounts.SessionClaims.Stamp)?.Value ?? "";
            var ticket = Uri.EscapeDataString(passes.Ticket(login, customerId, stamp));
            return Results.Redirect($"https://{options.Value.RelayAddress}/{customerId}/WebManagement/WebManagement.html?{AdminRelay.TicketParameter}={ticket}");
        }).RequireAuthorization(Com.WebFront.Accounts.CapabilityPolicies.For(Com.Grains.Interfaces.Accounts.Capability.LaunchApplication));
        return app;
    }
}
