using Orleans.Dashboard;
using Com.Silo.Commands;
using Com.Silo.Hosting;
using Com.WebFront;

if (args.Length > 0 && CommandRunner.IsCommand(args[0]))
    return await CommandRunner.RunAsync(args);

// Content is found next to the executable, wherever the process was started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
await builder.PrepareDatabaseAsync();
builder.AddComCluster();
builder.AddComTelemetry();
builder.AddComHealthChecks();
builder.AddComWebServer();
builder.Services.AddWebFront();

var app = builder.Build();
app.UseComPathBase();
app.MapComHealthChecks();
app.MapWebFront();
app.MapOrleansDashboard("/dashboard").RequireAuthorization(WebFrontHosting.AdministratorsPolicy);
await app.RunAsync();
return 0;
