using IceCheckout.Catalog.Apis;
using IceCheckout.Catalog.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseAuthentication();
app.UseAuthorization();

app.MapCatalogApi();
app.MapCatalogAdminApi();
app.MapStockApi();

app.Run();

public partial class Program;
