using System.Net;
using System.Security.Cryptography.X509Certificates;
using Com.DeviceProtocol;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Com.Silo.Devices;

public static class DeviceGatewayHosting
{
    /// <summary>The device gateway: its own HTTPS port on every silo, same identity certificate as the web front.</summary>
    public static WebApplicationBuilder AddDeviceGateway(this WebApplicationBuilder builder, X509Certificate2 certificate)
    {
        builder.Services.AddOptions<DeviceGatewaySettings>().BindConfiguration(DeviceGatewaySettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Com.Grains.Mail.SubscriptionMailOptions>().BindConfiguration(Com.Grains.Mail.SubscriptionMailOptions.Section);
        builder.Services.AddSingleton<AttemptLimiter>();
        builder.Services.AddSingleton<DeviceConnections>();
        builder.Services.AddSingleton<DeviceGateway>();
        builder.Services.TryAddSingleton<Storage.RemoteSupport.TunnelSessionStore>();
        builder.Services.AddHostedService<DeadSiloLinkSweeper>();
        var settings = builder.Configuration.GetSection(DeviceGatewaySettings.Section).Get<DeviceGatewaySettings>() ?? new DeviceGatewaySettings();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(certificate);
        }));
        return builder;
    }

    /// <summary>
    /// The device port faces the internet: it serves the link and command files and nothing else, and those are served
    /// nowhere else.
    /// Runs before authentication, so the UI's sign-in never even answers there.
    /// </summary>
    public static WebApplication UseDevicePortIsolation(this WebApplication app)
    {
        var port = app.Configuration.GetSection(DeviceGatewaySettings.Section).Get<DeviceGatewaySettings>()?.Port ?? new DeviceGatewaySettings().Port;
        app.Use((context, next) =>
        {
            var onDevicePort = context.Connection.LocalPort == port;
            var isLink = !context.Request.PathBase.HasValue
                         && (context.Request.Path == ProtocolLimits.LinkPath || Files.DeviceFileHosting.IsDeviceFile(context.Request.Path));
            if (onDevicePort == isLink)
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    public static WebApplication MapDeviceGateway(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map(ProtocolLimits.LinkPath, (HttpContext http, DeviceGateway gateway) => gateway.HandleAsync(http))
            .AllowAnonymous();
        return app;
    }
}
