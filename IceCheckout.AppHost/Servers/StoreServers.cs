namespace IceCheckout.AppHost.Servers;

/// <summary>
/// The servers behind the configuration contract (<c>ConnectionStrings:catalogdb</c>, <c>ordersdb</c>, <c>cache</c>,
/// <c>messaging</c>, and <c>search</c> where Elasticsearch runs). Only how they are provided differs between modes.
/// </summary>
internal sealed record StoreServers(
    IResourceBuilder<IResourceWithConnectionString> CatalogDb,
    IResourceBuilder<IResourceWithConnectionString> OrdersDb,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString>? Search);
