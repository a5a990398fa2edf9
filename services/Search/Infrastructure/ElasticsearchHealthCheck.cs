using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Infrastructure;

/// <summary>Reads <c>_cluster/health</c>: green is Healthy, yellow Degraded, red or no answer the registration's failure status.</summary>
public sealed class ElasticsearchHealthCheck(Uri clusterUri, HttpClient httpClient) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(clusterUri, "/_cluster/health"));
        if (clusterUri.UserInfo is { Length: > 0 } userInfo)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        }

        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"Elasticsearch answers HTTP {(int)response.StatusCode}.");
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.GetProperty("status").GetString() switch
            {
                "green" => HealthCheckResult.Healthy(),
                "yellow" => HealthCheckResult.Degraded("The cluster is yellow."),
                var status => new HealthCheckResult(context.Registration.FailureStatus, $"The cluster is {status}."),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
        }
    }
}
