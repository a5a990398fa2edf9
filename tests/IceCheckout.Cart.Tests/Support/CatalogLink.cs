namespace IceCheckout.Cart.Tests.Support;

/// <summary>
/// The line between Cart and the in-process Catalog, which a test can cut: while it is down every call fails as an
/// unreachable host does. It can also go down by itself right after a chosen request has been answered.
/// </summary>
public sealed class CatalogLink
{
    private volatile bool _down;
    private volatile Func<HttpRequestMessage, bool>? _downAfter;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>The link stays up for every request until one matching <paramref name="request"/> has been answered.</summary>
    public void GoDownAfter(Func<HttpRequestMessage, bool> request) => _downAfter = request;

    public void Restore()
    {
        _downAfter = null;
        _down = false;
    }

    public DelegatingHandler CreateHandler(HttpMessageHandler catalog) => new LinkHandler(this) { InnerHandler = catalog };

    private sealed class LinkHandler(CatalogLink link) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (link.Down)
            {
                throw new HttpRequestException($"Catalog is unreachable (the test cut the link): {request.RequestUri}");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (link._downAfter is { } downAfter && downAfter(request))
            {
                link.Down = true;
            }

            return response;
        }
    }
}
