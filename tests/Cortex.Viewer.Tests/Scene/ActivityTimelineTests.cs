using Cortex.Viewer.Scene;
using Xunit;

namespace Cortex.Viewer.Tests.Scene;

public class ActivityTimelineTests
{
    [Fact]
    public void BrightnessFollowsTheExponentialDecayOfTheLatestSpike()
    {
        var timeline = new ActivityTimeline(3);
        timeline.AddRange([5.0, 10.0, 12.0], [0, 0, 1]);
        var b = new float[3];
        var lit = timeline.Brightness(20, 4, b);
        Assert.Equal(2, lit);
        // Neuron 0 last spiked at 10 ms: exp(-10/4); the earlier spike at 5 ms is dimmer and does not add.
        Assert.Equal(Math.Exp(-10.0 / 4), b[0], 1e-6);
        Assert.Equal(Math.Exp(-8.0 / 4), b[1], 1e-6);
        Assert.Equal(0f, b[2]);
    }

    [Fact]
    public void SpikesInTheFutureOrBeyondTheCutoffGiveNoLight()
    {
        var timeline = new ActivityTimeline(2);
        timeline.AddRange([100.0, 10.0], [0, 1]);
        var b = new float[2];
        timeline.Brightness(50, 5, b);
        Assert.Equal(0f, b[0]); // at 100 ms: not yet
        Assert.Equal(0f, b[1]); // 40 ms = 8 decay times ago: past the cutoff of 6
        timeline.Brightness(10 + 5 * 5.9, 5, b);
        Assert.Equal(Math.Exp(-5.9), b[1], 1e-6);
    }

    [Fact]
    public void SpikesAppendedOutOfOrderAreKeptSorted()
    {
        var timeline = new ActivityTimeline(2);
        timeline.Append(30, 0);
        timeline.Append(10, 1);
        timeline.Append(20, 0);
        Assert.Equal([10.0, 20.0, 30.0], timeline.Times());
        Assert.Equal(10, timeline.StartMs);
        Assert.Equal(30, timeline.EndMs);
        Assert.Equal(2, timeline.CountSpikes(0, 0, 100));
    }

    [Fact]
    public void ANeuronOutsideTheSceneIsRefused()
    {
        var timeline = new ActivityTimeline(2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => timeline.Append(1, 2));
        Assert.Contains("neuron 2", e.Message, StringComparison.Ordinal);
    }
}
