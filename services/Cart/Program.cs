using IceCheckout.Cart;
using IceCheckout.Cart.Apis;
using IceCheckout.Cart.Corrections;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseAuthentication();
app.UseAuthorization();

app.MapCartApi();
app.MapChecklistApi();
app.MapOrderApi();
app.MapCorrectionsApi();

app.Run();

public partial class Program;
