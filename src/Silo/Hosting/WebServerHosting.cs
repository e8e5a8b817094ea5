using Com.WebFront;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Com.Silo.Hosting;

/// <summary>Kestrel on HTTPS only, with COM's identity certificate, under the <c>/com</c> path base.</summary>
public static class WebServerHosting
{
    /// <summary>Loads (or creates on first start) the identity certificate every HTTPS endpoint of this process shows.</summary>
    public static X509Certificate2 LoadIdentityCertificate(this WebApplicationBuilder builder)
    {
        var web = builder.Configuration.GetSection(WebSettings.Section).Get<WebSettings>() ?? new WebSettings();
        return IdentityCertificate.LoadOrCreate(web.CertificatePath, web.CertificateHostNames);
    }

    public static WebApplicationBuilder AddComWebServer(this WebApplicationBuilder builder, X509Certificate2 certificate)
    {
        builder.Services.AddOptions<WebSettings>().BindConfiguration(WebSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var web = builder.Configuration.GetSection(WebSettings.Section).Get<WebSettings>() ?? new WebSettings();
        // Serves component libraries' assets from a build output too (tests); published output has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(web.ListenAddress), web.Port, listen => listen.UseHttps(certificate)));
        return builder;
    }

    public static WebApplication UseComPathBase(this WebApplication app)
    {
        // The bare host name leads to the product rather than a 404.
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/")
            {
                context.Response.Redirect($"{WebSettings.PathBase}/");
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UsePathBase(WebSettings.PathBase);
        // Outside /com only probes, the device link and the files of device commands exist. Anything else (a browser's /favicon.ico, say) must not
        // reach the UI: a sign-in page rendered there would replace the antiforgery cookie of the real one.
        app.Use((context, next) =>
        {
            if (context.Request.PathBase.HasValue || context.Request.Path.Value is "/healthz" or "/readyz" or "/cpe/link"
                || Files.DeviceFileHosting.IsDeviceFile(context.Request.Path))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        app.UseWebFrontStatusPages();
        // Routing must run after the path base is taken off, or /com/... would match nothing.
        app.UseRouting();
        return app;
    }
}
