using Collab.Hosting;
using Collab.Hosting.Health;
using Collab.Hosting.Telemetry;
using Collab.Silo;

// `Collab.Silo migrate` applies the database migration and exits (a deployment step); anything else runs a silo.
if (args is [MigrateCommand.Name, ..]) return await MigrateCommand.RunAsync(args[1..]);

// A silo of a Collab cluster; web nodes connect to it as Orleans clients (Collab:Web:CoHostSilo=false). It serves
// only its health endpoints and Prometheus' /metrics over HTTP (the Urls setting, http://*:8081 by default), for probes and load balancers.
// Settings are read beside the program, so `dotnet run --project silo/Collab.Silo` works from any folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCollabLogging();
builder.UseOrleans(silo => silo.AddCollab(builder.Configuration));
builder.Services.AddHealthChecks().AddCollabSiloChecks();
builder.AddCollabTelemetry("collab-silo");

var app = builder.Build();
app.MapCollabHealth();
app.MapCollabTelemetry();
await app.RunAsync();
return 0;
