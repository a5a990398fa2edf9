using System.Data;
using System.Data.Common;
using IceCheckout.Catalog.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace IceCheckout.Catalog.Infrastructure;

/// <summary>
/// Applies the migrations and the seed at start-up, retrying with backoff while the database is unreachable, so the
/// service stays up (health Unhealthy) instead of crash-looping. A MySQL named lock serialises instances that start together.
/// </summary>
public sealed class CatalogDatabaseInitializer(
    IServiceScopeFactory scopeFactory,
    DatabaseReadiness readiness,
    ILogger<CatalogDatabaseInitializer> logger) : BackgroundService
{
    private const string LockName = "icecheckout_catalog_schema";
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await InitializeAsync(stoppingToken);
                readiness.LastError = null;
                readiness.MarkReady();
                logger.LogInformation("Catalog database migrated and seeded");
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                readiness.LastError = ex.Message;
                logger.LogWarning(ex, "Catalog database not ready; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
            }
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CatalogContext>();
        var seed = scope.ServiceProvider.GetRequiredService<CatalogSeed>();

        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var locked = await ExecuteScalarAsync(connection, $"SELECT GET_LOCK('{LockName}', 120)", cancellationToken);
            if (Convert.ToInt64(locked, System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException("Another instance holds the schema lock.");
            }

            try
            {
                await context.Database.MigrateAsync(cancellationToken);
                await seed.SeedAsync(context, cancellationToken);
            }
            finally
            {
                await ExecuteScalarAsync(connection, $"SELECT RELEASE_LOCK('{LockName}')", CancellationToken.None);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ExecuteScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandType = CommandType.Text;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
