using Com.WebFront.Accounts;
using Com.Overview.Cluster;
using Com.Overview.Customers;
using Com.WebFront.Customers;
using Com.WebFront.Components;
using Com.WebFront.Preferences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Com.WebFront;

/// <summary>Registers and maps the Blazor Server UI; the host decides whether grains are local (silo) or remote (client).</summary>
public static class WebFrontHosting
{
    public static readonly string[] Cultures = ["en", "fr"];

    public static IServiceCollection AddWebFront(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddComAuthentication();
        services.AddSignInLimit();
        services.AddMudServices();
        services.AddLocalization();
        services.AddScoped<PreferencesClient>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ClusterCalls>();
        services.AddScoped<AccountsClient>();
        services.AddScoped<Alarms.AlarmsClient>();
        services.AddScoped<CustomersClient>();
        services.AddScoped<Jobs.JobsClient>();
        services.AddScoped<Backups.BackupsClient>();
        services.AddScoped<RemoteSupport.ProxyAccountsClient>();
        services.AddScoped<RemoteSupport.TunnelSessionsClient>();
        services.AddScoped<CustomerListMemory>();
        services.AddSingleton<ClusterOverviewService>();
        services.AddSingleton<CustomerDirectoryFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<CustomerDirectoryFeed>());
        services.AddSingleton<DirectoryChanges>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Browsers get a readable page for 403 and 404; the API and the device link keep their own answers. Must come
    /// before routing, so the status page is routed afresh when the request is executed again.
    /// </summary>
    public static IApplicationBuilder UseWebFrontStatusPages(this IApplicationBuilder app) =>
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/cpe"),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));

    public static WebApplication MapWebFront(this WebApplication app)
    {
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseForcedPasswordChange();
        app.UseKioskRestriction();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseForgedFormRejection();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
