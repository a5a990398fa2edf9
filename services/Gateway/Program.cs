using IceCheckout.Gateway;
using IceCheckout.Gateway.Apis;
using IceCheckout.Gateway.Staff;

if (args is [PasswordHashCommand.Name, ..])
{
    return PasswordHashCommand.Run(Console.In, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();
builder.AddStaffSignIn();
builder.AddEdgeLimits();
builder.AddWebApp();
builder.AddStoreApiReference();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseWebApp();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestSizeLimits();
app.UseStaffAntiforgery();

app.MapStaffApi();
app.MapReverseProxy();
app.MapWebAppFallback();

app.Run();
return 0;

public partial class Program;
