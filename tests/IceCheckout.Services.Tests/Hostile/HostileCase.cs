namespace IceCheckout.Services.Tests.Hostile;

/// <summary>One kind of bad request: its name, the requests it sends, and whether they go at once.</summary>
public sealed record HostileCase(string Name, Func<HostileWorld, IReadOnlyList<HostileRequest>> Requests, bool Concurrent = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// A request through the gateway. <see cref="AsStaff"/> sends it from the signed-in staff browser, with the antiforgery
/// token on a change unless <see cref="WithoutAntiforgery"/>.
/// </summary>
public sealed record HostileRequest(
    HttpMethod Method,
    string Path,
    Func<HttpContent?>? Content = null,
    bool AsStaff = false,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    bool WithoutAntiforgery = false);
