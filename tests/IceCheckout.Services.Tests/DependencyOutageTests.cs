using System.Net;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

[Collection(StackCollection.Name)]
public sealed class DependencyOutageTests(StackFixture stack)
{
    [Theory]
    [InlineData("cache")]
    [InlineData("ordersdb")]
    [InlineData("messaging")]
    public async Task Cart_is_unhealthy_while_a_dependency_is_stopped_stays_alive_and_recovers_when_it_returns(string check)
    {
        var (stop, start) = check switch
        {
            "cache" => ((Func<Task>)(() => stack.Redis.StopAsync()), (Func<Task>)(() => stack.Redis.StartAsync())),
            "ordersdb" => (() => stack.MariaDb.StopAsync(), () => stack.MariaDb.StartAsync()),
            _ => (() => stack.RabbitMq.StopAsync(), () => stack.RabbitMq.StartAsync()),
        };
        var before = await HealthProbe.WaitForStatusAsync(stack.Http, stack.Cart, "Healthy");
        Assert.Equal("Healthy", before?.Status);

        await stop();
        HealthReport? down;
        HttpStatusCode aliveWhileDown;
        try
        {
            down = await HealthProbe.WaitForAsync(stack.Http, stack.Cart, report => report.Entries[check].Status != "Healthy");
            using var alive = await stack.Http.GetAsync(new Uri(stack.Cart.BaseAddress, "/alive"));
            aliveWhileDown = alive.StatusCode;
        }
        finally
        {
            await start();
        }

        var after = await HealthProbe.WaitForStatusAsync(stack.Http, stack.Cart, "Healthy");

        Assert.NotNull(down);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", down.Status);
        Assert.Equal("Unhealthy", down.Entries[check].Status);
        Assert.All(down.Entries.Where(entry => entry.Key != check), entry => Assert.Equal("Healthy", entry.Value.Status));
        Assert.Equal(HttpStatusCode.OK, aliveWhileDown);

        Assert.NotNull(after);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Healthy", after.Entries[check].Status);
    }
}
