using Cortex.Recording;
using Cortex.Viewer.Live;
using Cortex.Viewer.Scene;
using Xunit;

namespace Cortex.Viewer.Tests.Live;

/// <summary>
/// The live path end to end without a window: a <see cref="Recorder"/> (as a run uses) writes to a live sink beside a
/// memory sink; the feed must put every recorded spike into the timeline at step · dt on the right scene neuron.
/// </summary>
public sealed class LiveFeedTests
{
    private static BrainScene TwoPopulations() => new(new NeuronLayout(
        [
            new PopulationLayout("exc", PositionSource.Spec, new float[3 * 4]),
            new PopulationLayout("inh", PositionSource.Spec, new float[3 * 3]),
        ],
        []));

    [Fact]
    public void EverySpikeTheRecorderSends_ReachesTheTimeline_OnTheSceneNeuronAtStepTimesDt()
    {
        var scene = TwoPopulations();
        var live = new LiveSpikeSink();
        var memory = new MemorySink();
        var layout = new RecordingLayout(["exc", "inh"], [4, 3], [], 0.25);
        var timeline = new ActivityTimeline(scene.NeuronCount);
        var feed = new LiveFeed(live, scene, timeline, batch: 5);
        using (var recorder = new Recorder(layout, [memory, live], bufferedChunks: 2))
        {
            var random = new Random(7);
            for (long step = 0; step < 400; step++)
            {
                if (random.NextDouble() < 0.3) recorder.AddSpike(0, random.Next(4), step);
                if (random.NextDouble() < 0.2) recorder.AddSpike(1, random.Next(3), step);
                if (step % 50 == 49)
                {
                    recorder.EndEpoch();
                    feed.Pump(); // the viewer's frames, interleaved with the run
                }
            }
            recorder.Complete();
        }
        while (!feed.Finished) feed.Pump();

        Assert.True(live.IsCompleted);
        Assert.Equal(0, feed.Dropped);
        Assert.Equal(memory.Spikes.Count, feed.Received);
        Assert.Equal(memory.Spikes.Count, timeline.Count);
        Assert.Equal(memory.Spikes[^1].Step * 0.25, feed.LatestMs);
        // Per scene neuron, the same number of spikes as recorded for (population, neuron).
        for (var p = 0; p < 2; p++)
        {
            for (var n = 0; n < layout.PopulationSizes[p]; n++)
            {
                var expected = memory.Spikes.Count(s => s.Population == p && s.Neuron == n);
                Assert.Equal(expected, timeline.CountSpikes(scene.Populations[p].Offset + n, 0, double.PositiveInfinity));
            }
        }
        // And at the right times: the brightness at a recorded spike's time is 1 for its neuron.
        var last = memory.Spikes.Last(s => s.Population == 1);
        var brightness = new float[scene.NeuronCount];
        timeline.Brightness(last.Step * 0.25, 5, brightness);
        Assert.Equal(1f, brightness[scene.Populations[1].Offset + last.Neuron]);
    }

    [Fact]
    public void AViewerThatNeverReads_CostsTheRecorderNothing_ItsSpikesAreDroppedAndCounted()
    {
        var scene = TwoPopulations();
        var live = new LiveSpikeSink(capacity: 16);
        var memory = new MemorySink();
        var layout = new RecordingLayout(["exc", "inh"], [4, 3], [], 0.1);
        using (var recorder = new Recorder(layout, [memory, live], bufferedChunks: 1))
        {
            for (long step = 0; step < 1000; step++)
            {
                recorder.AddSpike(0, (int)(step % 4), step);
                if (step % 10 == 9) recorder.EndEpoch();
            }
            recorder.Complete();
        }
        Assert.Equal(1000, memory.Spikes.Count); // the files' sink got everything
        Assert.Equal(16, live.Ring.Written);
        Assert.Equal(1000 - 16, live.Ring.Dropped);
        Assert.Equal(999, live.LastStep);
    }
}
