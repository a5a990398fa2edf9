using StackExchange.Redis;

namespace IceCheckout.Testing.Tests;

public class RedisServerTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Connection_string_has_the_configuration_contract_format()
    {
        Assert.Matches($@"^127\.0\.0\.1:{redis.Port},password=[0-9a-f]{{36}}$", redis.ConnectionString);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await connection.GetDatabase().StringSetAsync("format:key", "value");
        Assert.Equal("value", (string?)await connection.GetDatabase().StringGetAsync("format:key"));
    }

    [Fact]
    public async Task Restart_keeps_the_port_and_the_data()
    {
        var port = redis.Port;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            await connection.GetDatabase().StringSetAsync("restart:key", "kept");
        }

        await redis.StopAsync();
        Assert.False(redis.IsRunning);
        await Assert.ThrowsAsync<RedisConnectionException>(
            () => ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},abortConnect=true,connectTimeout=2000"));

        await redis.StartAsync();
        Assert.Equal(port, redis.Port);
        await using var reconnected = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Assert.Equal("kept", (string?)await reconnected.GetDatabase().StringGetAsync("restart:key"));
    }
}
