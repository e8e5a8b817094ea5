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
        return builder;
    }

    /// <summary>The remote-support proxy: its own TLS port on every silo, same identity certificate as the web front.</summary>

    public static WebApplicationBuilder AddRemoteSupportProxy(this WebApplicationBuilder builder, X509Certificate2 certificate)
    {
        builder.Services.TryAddSingleton<ProxyAccountStore>();
        builder.Services.TryAddSingleton<TunnelSessionStore>();
        builder.Services.AddSingleton<ProxySignIn>();
        builder.Services.AddSingleton<TunnelRendezvous>();
        builder.Services.AddSingleton<TunnelDialBack>();
        builder.Services.AddSingleton<LiveTunnels>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveTunnels>());
        var settings = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings();
        if (settings.Port == 0)
            return builder;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen =>
        {
            // HTTP/1.1 only, so ALPN never offers a client HTTP/2, which has no CONNECT of this kind.
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(certificate);
            listen.UseConnectionHandler<ProxyConnectionHandler>();
        }));
        return builder;
    }

    /// <summary>The systems' dial-back for tunnels, on the device port beside the link.</summary>
    public static WebApplication MapTunnelDialBack(this WebApplication app)
    {
        app.Map($"{DeviceProtocol.Tunnels.Path}/{{token}}", (HttpContext http, string token, TunnelDialBack dialBack) => dialBack.HandleAsync(http, token))
            .AllowAnonymous();
        return app;
    }

    /// <summary>Whether a request outside the UI's path base is a tunnel's dial-back.</summary>
    public static bool IsDialBack(PathString path) => path.StartsWithSegments(DeviceProtocol.Tunnels.Path);
}
