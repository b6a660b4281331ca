using Collab.Hosting;
using Microsoft.Extensions.Hosting;

// A silo of a Collab cluster; web nodes connect to it as Orleans clients (Collab:Web:CoHostSilo=false).
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddCollab(builder.Configuration));
await builder.Build().RunAsync();
