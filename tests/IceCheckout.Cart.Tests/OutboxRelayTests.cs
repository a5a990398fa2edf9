using IceCheckout.Cart.Tests.Support;
using IceCheckout.Messaging;
using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IceCheckout.Cart.Tests;

/// <summary>
/// The shared relay on a context of its own over a real MariaDB. The publisher is a test double: a real broker cannot be
/// told to refuse one chosen message or to hold one confirm.
/// </summary>
[Collection(CartCollection.Name)]
public sealed class OutboxRelayTests(CartServers servers)
{
    [Fact]
    public async Task A_row_that_cannot_be_published_backs_off_alone_and_the_rows_after_it_go_out()
    {
        var publisher = new ScriptedPublisher();
        await using var outbox = await TestOutbox.StartAsync(servers, publisher);
        var events = await outbox.WriteAsync(3);
        publisher.Refuse(events[1]);

        var first = await outbox.Relay.RelayBatchAsync(CancellationToken.None);
        var second = await outbox.Relay.RelayBatchAsync(CancellationToken.None);

        Assert.Equal((3, 2), first);
        Assert.Equal((0, 0), second);
        Assert.Equal([events[0], events[2]], publisher.Published);
        var rows = await outbox.RowsAsync();
        Assert.All(rows.Where(r => r.MessageId != events[1]), r => Assert.NotNull(r.SentAt));
        var failed = rows.Single(r => r.MessageId == events[1]);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.True(failed.AvailableAt > DateTimeOffset.UtcNow);
        Assert.Contains("refused", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_broker_holds_a_confirm_writers_commit_and_another_relay_takes_only_the_unclaimed_rows()
    {
        var publisher = new ScriptedPublisher();
        await using var outbox = await TestOutbox.StartAsync(servers, publisher);
        var held = await outbox.WriteAsync(2);
        publisher.Hold(held[0]);

        var slowBatch = outbox.Relay.RelayBatchAsync(CancellationToken.None);
        await publisher.Entered(held[0]);
        // With the claim's locks still held this insert would wait for the lock timeout and fail.
        var written = await outbox.WriteAsync(1);
        var other = await outbox.Relay.RelayBatchAsync(CancellationToken.None);

        Assert.False(slowBatch.IsCompleted);
        Assert.Equal((1, 1), other);
        Assert.Equal(written, publisher.Published);
        publisher.Release(held[0]);
        Assert.Equal((2, 2), await slowBatch);
        Assert.Equal([written[0], held[0], held[1]], publisher.Published);
        Assert.All(await outbox.RowsAsync(), r => Assert.Equal(1, r.Attempts));
    }

    [RoutingKey("test.thing.happened")]
    private sealed record ThingHappened(int Number) : IntegrationEvent;

    private sealed class TestOutboxContext(DbContextOptions<TestOutboxContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxMessages();
    }

    private sealed class TestOutbox(ServiceProvider services) : IAsyncDisposable
    {
        public OutboxRelay<TestOutboxContext> Relay => services.GetRequiredService<OutboxRelay<TestOutboxContext>>();

        public static async Task<TestOutbox> StartAsync(CartServers servers, IEventPublisher publisher)
        {
            var connectionString = await servers.MariaDb.CreateDatabaseAsync();
            var collection = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            // A failed row waits long enough that the test's next pass surely comes before its retry.
            collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:RetryDelay"] = "00:10:00", ["Outbox:MaxBackoff"] = "01:00:00" })
                .Build());
            collection.AddDbContext<TestOutboxContext>((sp, options) => options
                .UseMySql(connectionString, new MySqlServerVersion(new Version(8, 0, 36)))
                .UseAfterCommit(sp));
            collection.AddOutbox<TestOutboxContext>("Outbox", _ => _ => Task.CompletedTask);
            collection.AddSingleton(publisher);
            var services = collection.BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TestOutboxContext>().Database.EnsureCreatedAsync();
            return new TestOutbox(services);
        }

        public async Task<Guid[]> WriteAsync(int count)
        {
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TestOutboxContext>();
            var events = Enumerable.Range(0, count).Select(n => new ThingHappened(n)).ToArray();
            foreach (var happened in events)
            {
                context.AddIntegrationEvent(happened);
            }

            await context.SaveChangesAsync();
            return [.. events.Select(e => e.Id)];
        }

        public async Task<List<OutboxMessage>> RowsAsync()
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TestOutboxContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>Confirms every message except those told to fail or to wait.</summary>
    private sealed class ScriptedPublisher : IEventPublisher
    {
        private readonly HashSet<Guid> _refused = [];
        private readonly Dictionary<Guid, (TaskCompletionSource Entered, TaskCompletionSource Released)> _held = [];
        private readonly List<Guid> _published = [];

        public IReadOnlyList<Guid> Published
        {
            get
            {
                lock (_published)
                {
                    return [.. _published];
                }
            }
        }

        public void Refuse(Guid id) => _refused.Add(id);

        public void Hold(Guid id) => _held[id] = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task Entered(Guid id) => _held[id].Entered.Task;

        public void Release(Guid id) => _held[id].Released.SetResult();

        public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken = default) where TEvent : IntegrationEvent =>
            throw new NotSupportedException("The relay publishes stored rows.");

        public async Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            if (_refused.Contains(message.MessageId))
            {
                throw new MessagingUnavailableException("The broker refused the message.");
            }

            if (_held.TryGetValue(message.MessageId, out var hold))
            {
                hold.Entered.SetResult();
                await hold.Released.Task;
            }

            lock (_published)
            {
                _published.Add(message.MessageId);
            }
        }
    }
}
