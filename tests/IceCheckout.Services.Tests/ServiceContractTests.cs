using System.Net;
using System.Text.Json;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

[Collection(StackCollection.Name)]
public sealed class ServiceContractTests(StackFixture stack)
{
    /// <summary>The health checks each service registers from the configuration contract it was started with.</summary>
    public static TheoryData<string, string[]> ExpectedChecks => new()
    {
        { "catalog", ["self", "catalogdb-schema", "catalogdb", "cache", "messaging"] },
        { "search", ["self", "messaging"] },
        { "cart", ["self", "cache", "ordersdb-schema", "ordersdb", "messaging"] },
        { "detection", ["self", "detector", "cache", "messaging"] },
        { "gateway", ["self", "catalog", "search", "cart", "detection"] },
    };

    [Theory]
    [MemberData(nameof(ExpectedChecks))]
    public async Task Service_started_with_the_configuration_contract_reports_every_dependency_healthy(string serviceName, string[] expectedChecks)
    {
        var service = stack.Services[serviceName];

        var report = await HealthProbe.WaitForStatusAsync(stack.Http, service, "Healthy");

        Assert.NotNull(report);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("Healthy", report.Status);
        Assert.Superset(expectedChecks.ToHashSet(), report.Entries.Keys.ToHashSet());
        Assert.All(report.Entries, entry => Assert.Equal("Healthy", entry.Value.Status));
    }

    [Theory]
    [InlineData("search")]
    [InlineData("cart")]
    public async Task Service_serves_its_OpenAPI_document(string serviceName)
    {
        var service = stack.Services[serviceName];
        await HealthProbe.WaitForStatusAsync(stack.Http, service, "Healthy");

        using var response = await stack.Http.GetAsync(new Uri(service.BaseAddress, "/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"IceCheckout.{char.ToUpperInvariant(serviceName[0])}{serviceName[1..]} | v1", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }
}
