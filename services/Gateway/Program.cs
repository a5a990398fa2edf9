using IceCheckout.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseWebApp();
app.MapReverseProxy();
app.MapWebAppFallback();

app.Run();

public partial class Program;
