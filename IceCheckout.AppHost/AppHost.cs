var builder = DistributedApplication.CreateBuilder(args);

// Where `aspire publish` / `aspire deploy` put every project and container.
builder.AddAzureContainerAppEnvironment("aca");

var mysql = builder.AddMySql("mysql")
    .WithDataVolume();
var catalogDb = mysql.AddDatabase("catalogdb");
var ordersDb = mysql.AddDatabase("ordersdb");

var cache = builder.AddRedis("cache");

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin();

// Resource names are unique, and "search" is the Search service; it still receives ConnectionStrings:search.
var elasticsearch = builder.AddElasticsearch("elasticsearch")
    .WithDataVolume();

// The key of the catalogue's staff API: user secret Parameters:catalog-staff-api-key, or asked for by the dashboard.
var catalogStaffApiKey = builder.AddParameter("catalog-staff-api-key", secret: true);

var catalog = builder.AddProject<Projects.IceCheckout_Catalog>("catalog")
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Catalog__Staff__ApiKeys__0", catalogStaffApiKey)
    .WithHttpHealthCheck("/health");

var search = builder.AddProject<Projects.IceCheckout_Search>("search")
    .WithReference(elasticsearch, connectionName: "search").WaitFor(elasticsearch)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

var detection = builder.AddProject<Projects.IceCheckout_Detection>("detection")
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

var cart = builder.AddProject<Projects.IceCheckout_Cart>("cart")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(catalog)
    .WithHttpHealthCheck("/health");

// The gateway starts without waiting: its own /health reports which service is not up yet.
var gateway = builder.AddProject<Projects.IceCheckout_Gateway>("gateway")
    .WithReference(catalog)
    .WithReference(search)
    .WithReference(cart)
    .WithReference(detection)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The Vite dev server with hot reload while developing; a published gateway serves the built web/dist itself.
if (builder.ExecutionContext.IsRunMode)
{
    builder.AddViteApp("web", "../web")
        .WithReference(gateway).WaitFor(gateway)
        .WithExternalHttpEndpoints();
}

builder.Build().Run();
