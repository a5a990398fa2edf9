using System.Text.RegularExpressions;

namespace IceCheckout.Testing;

/// <summary>
/// A real MariaDB with an application user that has a password and all privileges, and the databases
/// <c>catalogdb</c> and <c>ordersdb</c>. <see cref="ServerFixture.ConnectionString"/> names no database:
/// use <see cref="CreateDatabaseAsync"/> for an isolated one, or <see cref="GetConnectionString"/>.
/// </summary>
public sealed partial class MariaDbServer() : ServerFixture("mariadb")
{
    /// <summary>Creates a new empty database (utf8mb4) and returns its ADO.NET connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"test_{Guid.NewGuid():N}"[..21];
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores; at most 64).", nameof(name));
        }

        await ExecuteSqlAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", cancellationToken);
        return GetConnectionString(name);
    }

    /// <summary>The connection string of <paramref name="database"/> on this server (ConnectionStrings:catalogdb format).</summary>
    public string GetConnectionString(string database) => $"{ConnectionString};Database={database}";

    /// <summary>Runs SQL through the <c>mariadb</c> client as the application user; returns its tab-separated output.</summary>
    public Task<string> ExecuteSqlAsync(string sql, CancellationToken cancellationToken = default) =>
        RunScriptAsync("sql", [sql], cancellationToken);

    protected override string SelectConnectionString(IReadOnlyDictionary<string, string> environment)
    {
        var catalog = environment["ConnectionStrings__catalogdb"];
        return catalog[..catalog.LastIndexOf(";Database=", StringComparison.Ordinal)];
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex DatabaseName();
}
