using System.Net;

namespace Com.Silo.Hosting;

/// <summary>Kestrel on HTTPS only, with COM's identity certificate, under the <c>/com</c> path base.</summary>
public static class WebServerHosting
{
    public static WebApplicationBuilder AddComWebServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebSettings>().BindConfiguration(WebSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var web = builder.Configuration.GetSection(WebSettings.Section).Get<WebSettings>() ?? new WebSettings();
        var certificate = IdentityCertificate.LoadOrCreate(web.CertificatePath, web.CertificateHostNames);
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
        // Routing must run after the path base is taken off, or /com/... would match nothing.
        app.UseRouting();
        return app;
    }
}
