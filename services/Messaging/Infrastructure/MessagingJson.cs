using System.Text.Json;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>Messages are JSON with the web defaults (camelCase).</summary>
internal static class MessagingJson
{
    public const string ContentType = "application/json";

    public static JsonSerializerOptions Options => JsonSerializerOptions.Web;

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Reads a message body, or throws <see cref="PoisonMessageException"/> when it is not a <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Options)
                ?? throw new PoisonMessageException($"The body is not a {typeof(T).Name}: it is null.");
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"The body is not a {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
