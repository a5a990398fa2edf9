using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IceCheckout.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox of <typeparamref name="TContext"/>: its relay (options from <paramref name="configurationSection"/>),
    /// the wake-up signal and the after-commit interceptor. Add the interceptor to the context with
    /// <see cref="UseAfterCommit"/> and the table with <see cref="OutboxModelBuilderExtensions.AddOutboxMessages"/>.
    /// </summary>
    /// <param name="waitUntilReady">Resolves the service's "database migrated" wait; the relay starts after it.</param>
    public static IServiceCollection AddOutbox<TContext>(
        this IServiceCollection services,
        string configurationSection,
        Func<IServiceProvider, Func<CancellationToken, Task>> waitUntilReady) where TContext : DbContext
    {
        services.AddOptions<OutboxOptions>(typeof(TContext).Name).BindConfiguration(configurationSection);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.AddSingleton<IAfterCommit>(sp => sp.GetRequiredService<OutboxSignal>());
        services.TryAddSingleton<AfterCommitInterceptor>();
        services.AddSingleton(sp => new OutboxReadiness<TContext>(waitUntilReady(sp)));
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        return services;
    }

    /// <summary>Runs the registered <see cref="IAfterCommit"/> work after every commit of this context.</summary>
    public static DbContextOptionsBuilder UseAfterCommit(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<AfterCommitInterceptor>());
}
