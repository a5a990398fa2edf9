using System.Text.Json;
using IceCheckout.Cart.Apis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace IceCheckout.Cart.Tests;

/// <summary>What a request that a dependency failed mid-way answers: a 503 with Retry-After for the dependency, never a 500.</summary>
public sealed class DependencyExceptionHandlerTests
{
    public static TheoryData<string, Exception> DependencyFailures => new()
    {
        { "Redis", new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent) },
        { "Redis", new InvalidOperationException("saving failed", new RedisConnectionException(ConnectionFailureType.SocketClosed, "SocketClosed")) },
        { "service the cart depends on", new TaskCanceledException("A task was canceled.") },
    };

    [Theory]
    [MemberData(nameof(DependencyFailures))]
    public async Task A_dependency_failing_mid_request_is_a_503_with_retry_after_naming_it(string named, Exception failure)
    {
        var (handled, context) = await HandleAsync(failure, clientGone: false);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.RetryAfter));
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bug_or_a_shopper_who_left_is_not_called_a_dependency_failure()
    {
        Assert.False((await HandleAsync(new InvalidOperationException("a bug"), clientGone: false)).Handled);
        Assert.False((await HandleAsync(new TaskCanceledException(), clientGone: true)).Handled);
    }

    private static async Task<(bool Handled, DefaultHttpContext Context)> HandleAsync(Exception failure, bool clientGone)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        using var aborted = new CancellationTokenSource();
        if (clientGone)
        {
            await aborted.CancelAsync();
        }

        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };
        context.Response.Body = new MemoryStream();
        var handler = new DependencyExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<DependencyExceptionHandler>.Instance);
        var handled = await handler.TryHandleAsync(context, failure, CancellationToken.None);
        return (handled, context);
    }
}
