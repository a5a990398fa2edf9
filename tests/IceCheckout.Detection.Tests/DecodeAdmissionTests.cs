using IceCheckout.Detection.Imaging;

namespace IceCheckout.Detection.Tests;

public sealed class DecodeAdmissionTests
{
    [Fact]
    public async Task Decodes_beyond_the_concurrency_limit_wait_for_a_lease_to_end()
    {
        var admission = new DecodeAdmission(maxConcurrent: 2, maxPixels: 1_000, maxWaiting: 4);
        using var first = await admission.EnterAsync(10, CancellationToken.None);
        var second = await admission.EnterAsync(10, CancellationToken.None);

        var third = admission.EnterAsync(10, CancellationToken.None);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, admission.Waiting);

        second.Dispose();
        using var admitted = await third;
        Assert.Equal(2, admission.Running);
    }

    [Fact]
    public async Task The_pixel_budget_holds_back_a_large_image_until_the_pixels_before_it_are_freed()
    {
        var admission = new DecodeAdmission(maxConcurrent: 8, maxPixels: 100, maxWaiting: 4);
        var small = await admission.EnterAsync(60, CancellationToken.None);

        var large = admission.EnterAsync(60, CancellationToken.None);
        var later = admission.EnterAsync(10, CancellationToken.None);
        Assert.False(large.IsCompleted);
        Assert.False(later.IsCompleted);

        small.Dispose();
        using var largeLease = await large;
        using var laterLease = await later;
        Assert.Equal(2, admission.Running);
    }

    [Fact]
    public async Task An_image_larger_than_the_whole_budget_still_decodes_alone()
    {
        var admission = new DecodeAdmission(maxConcurrent: 8, maxPixels: 100, maxWaiting: 4);

        using var huge = await admission.EnterAsync(10_000, CancellationToken.None);

        Assert.False(admission.EnterAsync(1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task With_the_waiting_room_full_the_next_request_is_shed()
    {
        var admission = new DecodeAdmission(maxConcurrent: 1, maxPixels: 100, maxWaiting: 1);
        using var running = await admission.EnterAsync(1, CancellationToken.None);
        _ = admission.EnterAsync(1, CancellationToken.None);

        var shed = await Assert.ThrowsAsync<DetectionBusyException>(() => admission.EnterAsync(1, CancellationToken.None));

        Assert.True(shed.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_waiting_room_and_takes_nothing()
    {
        var admission = new DecodeAdmission(maxConcurrent: 1, maxPixels: 100, maxWaiting: 1);
        var running = await admission.EnterAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = admission.EnterAsync(1, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, admission.Waiting);
        running.Dispose();
        Assert.Equal(0, admission.Running);
        using var next = await admission.EnterAsync(1, CancellationToken.None);
        Assert.Equal(1, admission.Running);
    }
}
