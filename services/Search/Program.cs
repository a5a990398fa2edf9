using IceCheckout.Search;
using IceCheckout.Search.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.UseAuthentication();
app.UseAuthorization();

app.MapSearchApi();
app.MapSearchAdminApi();
app.MapFeedApi();

app.Run();

public partial class Program;
