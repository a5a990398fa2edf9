using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IceCheckout.Gateway.Staff;

public sealed record StaffAccount(string UserName);

/// <summary>The staff accounts of configuration, checked with ASP.NET Core Identity's password hasher.</summary>
public sealed class StaffAccounts
{
    private static readonly PasswordHasher<StaffAccount> s_hasher = new();
    private readonly Dictionary<string, string> _hashes;
    // An unknown user name is checked against this, so that it costs as long as a wrong password.
    private readonly string _unknownUserHash = s_hasher.HashPassword(new StaffAccount(""), Guid.NewGuid().ToString());

    public StaffAccounts(IOptions<StaffOptions> options)
    {
        var staff = options.Value;
        _hashes = new Dictionary<string, string>(staff.Accounts.Where(account => !string.IsNullOrWhiteSpace(account.Value)), StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(staff.InitialUserName) && !string.IsNullOrEmpty(staff.InitialPassword))
        {
            _hashes[staff.InitialUserName] = Hash(staff.InitialPassword);
        }
    }

    public int Count => _hashes.Count;

    public static string Hash(string password) => s_hasher.HashPassword(new StaffAccount(""), password);

    /// <summary>The account's canonical user name when the password is right; otherwise null.</summary>
    public string? Verify(string userName, string password)
    {
        var known = _hashes.TryGetValue(userName, out var hash);
        var result = s_hasher.VerifyHashedPassword(new StaffAccount(userName), known ? hash! : _unknownUserHash, password);
        return known && result != PasswordVerificationResult.Failed
            ? _hashes.Keys.First(name => name.Equals(userName, StringComparison.OrdinalIgnoreCase))
            : null;
    }
}
