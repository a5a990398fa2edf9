using System.Text;
using Elastic.Transport;

namespace IceCheckout.Search.Tests.Elasticsearch;

/// <summary>
/// Stands in for the network under the real Elasticsearch client (no cluster runs here): records each request the client
/// sends and answers with the recorded response the test chose, built by the client's own <see cref="InMemoryRequestInvoker"/>.
/// </summary>
public sealed class RecordingRequestInvoker(Func<RecordedRequest, (int Status, string Body)> answer) : IRequestInvoker
{
    private readonly InMemoryRequestInvoker _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ResponseFactory ResponseFactory => _responses.ResponseFactory;

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        string? body = null;
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            await postData.WriteAsync(stream, boundConfiguration.ConnectionSettings, false, cancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        var request = new RecordedRequest(endpoint.Method.ToString(), endpoint.PathAndQuery, body, boundConfiguration.AuthenticationHeader?.ToString());
        lock (Requests)
        {
            Requests.Add(request);
        }

        var (status, answerBody) = answer(request);
        return await _responses.BuildResponseAsync<TResponse>(
            endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(answerBody), status, "application/json");
    }

    public void Dispose() => ((IDisposable)_responses).Dispose();
}

public sealed record RecordedRequest(string Method, string PathAndQuery, string? Body, string? Authentication);
