namespace IceCheckout.Gateway.Staff;

/// <summary>Staff sign-in at the gateway (<c>Gateway:Staff</c>).</summary>
public sealed class StaffOptions
{
    public const string Section = "Gateway:Staff";

    /// <summary>User name to password hash (ASP.NET Core Identity's format; <c>dotnet IceCheckout.Gateway.dll hash-password</c> makes one).</summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A first account given with its password in plain text (a secret of the host), hashed when the gateway starts.</summary>
    public string? InitialUserName { get; set; }

    public string? InitialPassword { get; set; }

    /// <summary>Service name to the staff API key the gateway adds to a signed-in staff member's calls to that service.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Session and antiforgery cookies only over HTTPS. Off only for plain-HTTP development and tests.</summary>
    public bool SecureCookie { get; set; } = true;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
