namespace IceCheckout.Gateway.Model;

/// <summary>
/// The calls that need the staff API key: every <c>/api/{service}/admin/**</c>, the staff order routes of Cart
/// (<c>GET /api/orders</c>, <c>POST /api/orders/{id}/refund</c>) and Search's reindex.
/// </summary>
public static class StaffRoutes
{
    public static bool IsStaffRoute(PathString path, string method)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return (segments.Length >= 3 && segments[2].Equals("admin", StringComparison.OrdinalIgnoreCase))
            || (IsSegment(segments, 1, "orders") && segments.Length == 2 && HttpMethods.IsGet(method))
            || (IsSegment(segments, 1, "orders") && segments.Length == 4 && IsSegment(segments, 3, "refund"))
            || (IsSegment(segments, 1, "search") && segments.Length == 3 && IsSegment(segments, 2, "reindex"));
    }

    private static bool IsSegment(string[] segments, int index, string value) =>
        segments[index].Equals(value, StringComparison.OrdinalIgnoreCase);
}
