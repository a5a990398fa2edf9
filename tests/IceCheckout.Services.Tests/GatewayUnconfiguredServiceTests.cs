using System.Net;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

/// <summary>A gateway told about only some services: the others answer 503 at the edge, the configured ones are forwarded.</summary>
public sealed class GatewayUnconfiguredServiceTests
{
    [Fact]
    public async Task A_service_without_an_address_answers_503_and_the_configured_ones_are_still_forwarded()
    {
        await using var destination = new RecordingDestination("catalog");
        await destination.StartAsync();
        await using var gateway = new ServiceProcess("gateway", new Dictionary<string, string>
        {
            ["services__catalog__http__0"] = destination.AddressOf("catalog").ToString(),
        });
        gateway.Start();
        using var http = new HttpClient();
        await HealthProbe.WaitForAsync(http, gateway, _ => true, "/alive");

        using var search = await http.GetAsync(new Uri(gateway.BaseAddress, "/api/search/products?q=melona"));
        using var cart = await http.PostAsync(new Uri(gateway.BaseAddress, "/api/carts"), new StringContent("{}"));
        using var catalog = await http.GetAsync(new Uri(gateway.BaseAddress, "/api/catalog/products"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cart.StatusCode);
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        var forwarded = Assert.Single(destination.Requests);
        Assert.Equal(("catalog", "/api/catalog/products"), (forwarded.Service, forwarded.PathAndQuery));
    }
}
