namespace IceCheckout.Gateway.Model;

/// <summary>The rate-limit policies of the gateway, one per kind of costly call, each counted per client address.</summary>
public static class EdgeRateLimits
{
    public const string Section = "Gateway:RateLimits";
    public const string Scan = "Scan";
    public const string Detect = "Detect";
    public const string Search = "Search";
    public const string SignIn = "SignIn";

    /// <summary>Defaults: a kiosk scans every few seconds at most; suggestions come one keystroke at a time; sign-in is guessed at.</summary>
    public static IReadOnlyDictionary<string, RateLimitOptions> Defaults { get; } = new Dictionary<string, RateLimitOptions>
    {
        [Scan] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
        [Detect] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
        [Search] = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) },
        [SignIn] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) },
    };
}

/// <summary><c>Gateway:RateLimits:{policy}</c>: at most <see cref="PermitLimit"/> requests per client in each <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
