using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;

namespace IceCheckout.Cart.Tests;

public sealed class ScanVoteTests
{
    private static DetectedObject Seen(string label, float score = 0.9f) => new(label, score, new DetectionBox(0, 0, 10, 10));

    [Fact]
    public void The_count_seen_in_most_frames_wins()
    {
        var lines = ScanVote.Decide([[Seen("melona"), Seen("melona")], [Seen("melona"), Seen("melona")], [Seen("melona")]], 0.6);

        var line = Assert.Single(lines);
        Assert.Equal(new ScanVote.VotedLine("melona", 2, false), line);
    }

    [Fact]
    public void A_product_missed_in_one_frame_of_three_is_kept()
    {
        var lines = ScanVote.Decide([[Seen("melona"), Seen("pig_bar")], [Seen("melona")], [Seen("melona"), Seen("pig_bar")]], 0.6);

        Assert.Equal([new("melona", 1, false), new("pig_bar", 1, false)], lines);
    }

    [Fact]
    public void A_tie_takes_the_lower_count_and_needs_a_check()
    {
        var lines = ScanVote.Decide([[Seen("melona"), Seen("melona")], [Seen("melona")]], 0.6);

        Assert.Equal([new ScanVote.VotedLine("melona", 1, true)], lines);
    }

    [Fact]
    public void A_product_seen_in_half_the_frames_stays_and_needs_a_check()
    {
        var lines = ScanVote.Decide([[Seen("melona")], []], 0.6);

        Assert.Equal([new ScanVote.VotedLine("melona", 1, true)], lines);
    }

    [Fact]
    public void A_product_seen_in_a_minority_of_frames_is_dropped()
    {
        var lines = ScanVote.Decide([[Seen("melona")], [], []], 0.6);

        Assert.Empty(lines);
    }

    [Fact]
    public void A_detection_below_the_sure_score_marks_its_line()
    {
        var lines = ScanVote.Decide([[Seen("melona", 0.55f), Seen("pig_bar", 0.61f)]], 0.6);

        Assert.Equal([new("melona", 1, true), new("pig_bar", 1, false)], lines);
    }
}
