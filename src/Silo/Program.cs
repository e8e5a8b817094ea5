using Orleans.Dashboard;
using Com.Silo.Commands;
using Com.Silo.Hosting;
using Com.WebFront;

if (args.Length > 0 && CommandRunner.IsCommand(args[0]))
    return await CommandRunner.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
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
app.MapOrleansDashboard("/dashboard");
await app.RunAsync();
return 0;
