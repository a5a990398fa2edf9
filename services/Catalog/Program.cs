using IceCheckout.Catalog.Apis;
using IceCheckout.Catalog.Extensions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference();

app.MapCatalogApi();
app.MapCatalogAdminApi();
app.MapStockApi();

app.Run();

public partial class Program;
