using IceCheckout.Catalog.Apis;
using IceCheckout.Catalog.Extensions;
using IceCheckout.Messaging;
using IceCheckout.ServiceDefaults.Authentication;

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
app.MapDeadLetterApi("/api/catalog/admin/dead-letters").RequireAuthorization(ApiKeyRoles.StaffPolicy);

app.Run();

public partial class Program;
