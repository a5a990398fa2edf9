using IceCheckout.Detection.Apis;
using IceCheckout.Detection.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseAuthentication();
app.UseAuthorization();

app.MapDetectionApi();

app.Run();

public partial class Program;
