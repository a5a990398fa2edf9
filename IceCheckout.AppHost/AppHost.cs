using IceCheckout.AppHost;
using IceCheckout.AppHost.Servers;

var builder = DistributedApplication.CreateBuilder(args);

// MySQL, Redis, RabbitMQ (and Elasticsearch): containers, or the operating system's servers as executables.
var servers = builder.AddStoreServers();

// Staff's key for the catalogue's admin API (the dashboard shows it under Parameters), and Cart's key for stock reservations.
var catalogStaffApiKey = builder.AddParameter("catalog-staff-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var catalogServiceApiKey = builder.AddParameter("catalog-service-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
// Search's key for Cart's order list (the feed's offline rebuild).
var cartServiceApiKey = builder.AddParameter("cart-service-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var catalog = builder.AddProject<Projects.IceCheckout_Catalog>("catalog")
    .WithReference(servers.CatalogDb).WaitFor(servers.CatalogDb)
    .WithReference(servers.Cache).WaitFor(servers.Cache)
    .WithReference(servers.Messaging).WaitFor(servers.Messaging)
    .WithEnvironment("Catalog__Staff__ApiKeys__0", catalogStaffApiKey)
    .WithEnvironment("Catalog__Services__ApiKeys__0", catalogServiceApiKey)
    .WithHttpHealthCheck("/health");

var search = builder.AddProject<Projects.IceCheckout_Search>("search")
    .WithReference(servers.Cache).WaitFor(servers.Cache)
    .WithReference(servers.Messaging).WaitFor(servers.Messaging)
    .WithReference(catalog)
    .WithHttpHealthCheck("/health");
if (servers.Search is { } elasticsearch)
{
    // Resource names are unique and "search" is the service; it still reads ConnectionStrings:search.
    search.WithReference(elasticsearch, connectionName: "search").WaitFor(elasticsearch);
}

var detection = builder.AddProject<Projects.IceCheckout_Detection>("detection")
    .WithReference(servers.Cache).WaitFor(servers.Cache)
    .WithReference(servers.Messaging).WaitFor(servers.Messaging)
    .WithHttpHealthCheck("/health");

var cart = builder.AddProject<Projects.IceCheckout_Cart>("cart")
    .WithReference(servers.OrdersDb).WaitFor(servers.OrdersDb)
    .WithReference(servers.Cache).WaitFor(servers.Cache)
    .WithReference(servers.Messaging).WaitFor(servers.Messaging)
    .WithReference(catalog)
    .WithEnvironment("Cart__Catalog__ServiceKey", catalogServiceApiKey)
    .WithEnvironment("Cart__Services__ApiKeys__0", cartServiceApiKey)
    .WithHttpHealthCheck("/health");
search.WithReference(cart).WithEnvironment("Search__Feed__CartServiceKey", cartServiceApiKey);

// The gateway starts without waiting: its own /health reports which service is not up yet.
var gateway = builder.AddProject<Projects.IceCheckout_Gateway>("gateway")
    .WithReference(catalog)
    .WithReference(search)
    .WithReference(cart)
    .WithReference(detection)
    // A signed-in staff member's catalogue changes carry the key Catalog was given.
    .WithEnvironment("Gateway__Staff__ApiKeys__catalog", catalogStaffApiKey)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.AddWebDevServer(gateway);
builder.AnnounceWhenReady(gateway);

builder.Build().Run();
