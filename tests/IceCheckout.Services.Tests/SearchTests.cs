using System.Net;
using System.Text;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

[Collection(StackCollection.Name)]
public sealed class SearchTests(StackFixture stack)
{
    [Fact]
    public async Task Search_without_Elasticsearch_configured_registers_no_Elasticsearch_check()
    {
        var report = await HealthProbe.WaitForStatusAsync(stack.Http, stack.Search, "Healthy");

        Assert.NotNull(report);
        Assert.DoesNotContain("search", report.Entries.Keys);
    }

    [Fact]
    public async Task Search_with_Elasticsearch_configured_reports_the_cluster_health_and_signs_in_with_the_URI_credentials()
    {
        await using var elasticsearch = new ElasticsearchStandIn();
        await elasticsearch.StartAsync();
        await using var search = new ServiceProcess("search", new Dictionary<string, string>
        {
            ["ConnectionStrings__search"] = elasticsearch.ConnectionString("elastic", "s3cret"),
            ["ConnectionStrings__messaging"] = stack.RabbitMq.ConnectionString,
        });
        search.Start();

        var green = await HealthProbe.WaitForAsync(stack.Http, search, report => EntryStatus(report, "search") == "Healthy");
        elasticsearch.ClusterStatus = "yellow";
        var yellow = await HealthProbe.WaitForAsync(stack.Http, search, report => EntryStatus(report, "search") == "Degraded");
        elasticsearch.ClusterStatus = "red";
        var red = await HealthProbe.WaitForStatusAsync(stack.Http, search, "Unhealthy");

        // The index on the stand-in is never built (it answers only its health), so the index check stays Degraded.
        Assert.Equal("Healthy", green?.Entries["search"].Status);
        Assert.Equal("Degraded", green?.Entries["index"].Status);
        Assert.Equal(HttpStatusCode.OK, yellow?.StatusCode);
        Assert.Equal("Degraded", yellow?.Entries["search"].Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, red?.StatusCode);
        Assert.Equal("Unhealthy", red?.Entries["search"].Status);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:s3cret"))}", elasticsearch.LastAuthorization);
    }

    private static string? EntryStatus(HealthReport report, string entry) =>
        report.Entries.TryGetValue(entry, out var value) ? value.Status : null;
}
