using Orleans.Dashboard;
using Com.Silo.Commands;
using Com.Silo.Devices;
using Com.Silo.Files;
using Com.Silo.Hosting;
using Com.Silo.Provisioning;
using Com.Silo.RemoteSupport;
using Com.WebFront;
using Com.WebFront.Accounts;

if (args.Length > 0 && CommandRunner.IsCommand(args[0]))
    return await CommandRunner.RunAsync(args);

// Content is found next to the executable, wherever the process was started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
return await StartFailure.RunAsync(builder.Configuration, async () =>
{
    await builder.PrepareDatabaseAsync();
    builder.AddComCluster();
    builder.AddComTelemetry();
    builder.AddComHealthChecks();
    var certificate = builder.LoadIdentityCertificate();
    builder.AddComWebServer(certificate);
    builder.Services.AddWebFront();
    builder.AddBackupDownloads();
    builder.AddRemoteSupportSettings();
    if (builder.IsSilo())
        builder.AddDeviceGateway(certificate).AddDeviceFiles().AddProvisioningApi().AddRemoteSupportProxy(certificate);

    var app = builder.Build();
    if (builder.IsSilo())
        app.UseAdminRelay();
    app.UseComPathBase();
    if (builder.IsSilo())
        app.UseDevicePortIsolation();
    app.MapComHealthChecks();
    app.MapWebFront();
    app.MapBackupDownloads();
    app.MapProxyAutoConfig().MapRemoteSupportDownloads(certificate).MapAdminRelayLaunch();
    if (builder.IsSilo())
        app.MapDeviceGateway().MapDeviceFiles().MapProvisioningApi();
    app.MapOrleansDashboard("/dashboard").RequireAuthorization(CapabilityPolicies.ServerSettings);
    await app.RunAsync();
});
