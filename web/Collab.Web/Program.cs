using Collab.Web;

await CollabWebApp.Create(args).RunAsync();
