using IceCheckout.Cart.Infrastructure;

namespace IceCheckout.Cart;

public static class Extensions
{
    /// <summary>The dependencies of the cart service from the configuration contract, each with its health check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Carts live in Redis: without it the service cannot work.
        builder.AddRedisConnection("cache");
        builder.AddMySqlDataSource("ordersdb");
        builder.AddRabbitMqMessaging("messaging");

        return builder;
    }
}
