using Collab.Hosting;
using Microsoft.Extensions.Hosting;

// A silo of a Collab cluster; web nodes connect to it as Orleans clients (Collab:Web:CoHostSilo=false).
// Settings are read beside the program, so `dotnet run --project silo/Collab.Silo` works from any folder.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo.AddCollab(builder.Configuration));
await builder.Build().RunAsync();
