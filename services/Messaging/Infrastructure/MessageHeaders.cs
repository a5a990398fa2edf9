using System.Text;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

internal static class MessageHeaders
{
    /// <summary>A text header; AMQP hands strings back as bytes.</summary>
    public static string? ReadHeader(this IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;
}
