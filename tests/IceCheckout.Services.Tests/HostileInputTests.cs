using System.Net;
using System.Text.Json;
using IceCheckout.Services.Tests.Hostile;

namespace IceCheckout.Services.Tests;

/// <summary>
/// Every kind of bad request of <see cref="HostileCases"/>, through the gateway to the real services: none is answered
/// with a 5xx, every refusal is a ProblemDetails with its status and a title, and what the store holds (products and
/// stock, a cart, a checklist, orders, stock movements) reads the same before and after.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HostileInputTests(StackFixture stack)
{
    private static readonly SemaphoreSlim s_setUp = new(1, 1);
    private static HostileWorld? s_world;

    public static TheoryData<string> Kinds => [.. HostileCases.All.Select(c => c.Name)];

    [Fact]
    public void The_table_holds_at_least_80_distinct_kinds()
    {
        Assert.True(HostileCases.All.Count >= 80, $"{HostileCases.All.Count} kinds");
        Assert.Equal(HostileCases.All.Count, HostileCases.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_bad_request_gets_a_problem_and_changes_nothing(string kind)
    {
        var world = await WorldAsync();
        var hostile = HostileCases.All.Single(c => c.Name == kind);
        var before = await world.SnapshotAsync();

        var requests = hostile.Requests(world);
        var answers = new List<Answer>();
        if (hostile.Concurrent)
        {
            answers.AddRange(await Task.WhenAll(requests.Select(request => SendAsync(world, request))));
        }
        else
        {
            foreach (var request in requests)
            {
                answers.Add(await SendAsync(world, request));
            }
        }

        var after = await world.SnapshotAsync();

        Assert.All(answers, answer =>
        {
            Assert.True((int)answer.Status < 500, $"{kind}: {answer.Request} answered {(int)answer.Status}: {Shorten(answer.Body)}");
            // Kestrel itself refuses headers past its limit, before any middleware runs: 431 without a body.
            if ((int)answer.Status >= 400 && answer.Status != HttpStatusCode.RequestHeaderFieldsTooLarge)
            {
                Assert.True(answer.MediaType == "application/problem+json",
                    $"{kind}: {answer.Request} answered {(int)answer.Status} as {answer.MediaType ?? "no content type"}: {Shorten(answer.Body)}");
                using var problem = JsonDocument.Parse(answer.Body);
                Assert.Equal((int)answer.Status, problem.RootElement.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()), $"{kind}: a problem without a title");
            }
        });
        Assert.Equal(before, after);
    }

    private async Task<HostileWorld> WorldAsync()
    {
        await s_setUp.WaitAsync();
        try
        {
            return s_world ??= await HostileWorld.CreateAsync(stack);
        }
        finally
        {
            s_setUp.Release();
        }
    }

    private static async Task<Answer> SendAsync(HostileWorld world, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(hostile.Method, hostile.Path) { Content = hostile.Content?.Invoke() };
        foreach (var (name, value) in hostile.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var changes = hostile.Method != HttpMethod.Get && hostile.Method != HttpMethod.Head;
        if (hostile.AsStaff && changes && !hostile.WithoutAntiforgery)
        {
            request.Headers.Add(Infrastructure.StaffBrowser.AntiforgeryHeader, world.AntiforgeryToken);
        }

        var client = hostile.AsStaff ? world.Staff : world.Anonymous;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer($"{hostile.Method} {Shorten(hostile.Path)}", response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "...";

    private sealed record Answer(string Request, HttpStatusCode Status, string? MediaType, string Body);
}
