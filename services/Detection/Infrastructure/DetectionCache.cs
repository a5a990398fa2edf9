using System.Text.Json;
using IceCheckout.Detection.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Detection.Infrastructure;

/// <summary>
/// Results in Redis by the image's SHA-256 (and the model's fingerprint), for a short time.
/// Best effort: a slow or absent Redis costs at most the configured timeout and never fails a request.
/// </summary>
public sealed class DetectionCache(
    IOptions<DetectionOptions> options,
    DetectionTelemetry telemetry,
    ILogger<DetectionCache> logger,
    IConnectionMultiplexer? redis = null)
{
    private static readonly JsonSerializerOptions s_json = JsonSerializerOptions.Web;

    private readonly TimeSpan _timeToLive = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.CacheTimeoutMilliseconds);

    public static string Key(string modelFingerprint, string imageSha256) => $"detection:{modelFingerprint}:{imageSha256}";

    public async Task<DetectionResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsUsable())
        {
            return null;
        }

        try
        {
            var value = await redis!.GetDatabase().StringGetAsync(key).WaitAsync(_timeout, cancellationToken);
            var hit = value.HasValue;
            telemetry.RecordCacheLookup(hit);
            return hit ? JsonSerializer.Deserialize<DetectionResponse>((byte[])value!, s_json) : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException || DroppedConnection(exception, cancellationToken))
        {
            logger.LogWarning("Detection cache read skipped: {Reason}", exception.Message);
            return null;
        }
    }

    public async Task SetAsync(string key, DetectionResponse response, CancellationToken cancellationToken)
    {
        if (!IsUsable())
        {
            return;
        }

        try
        {
            var value = JsonSerializer.SerializeToUtf8Bytes(response, s_json);
            await redis!.GetDatabase().StringSetAsync(key, value, _timeToLive).WaitAsync(_timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException || DroppedConnection(exception, cancellationToken))
        {
            logger.LogWarning("Detection cache write skipped: {Reason}", exception.Message);
        }
    }

    /// <summary>A connection Redis dropped cancels the commands waiting on it; only the caller's own cancellation is not a cache failure.</summary>
    private static bool DroppedConnection(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    private bool IsUsable() => redis is { IsConnected: true } && _timeToLive > TimeSpan.Zero;
}
