using Cortex.Recording;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Live;

/// <summary>
/// The viewer's end of a live run: each frame, <see cref="Pump"/> moves the spikes waiting in the sink's ring into the
/// scene's <see cref="ActivityTimeline"/> and says how far the run has got. Runs on the viewer's thread only.
/// </summary>
/// <remarks>
/// A spike of population p, neuron n, step s becomes scene neuron <c>offset(p) + n</c> at time <c>s · dt</c> (the
/// scene is built from the same compiled network, in the same population order).
/// </remarks>
public sealed class LiveFeed
{
    private readonly LiveSpikeSink _sink;
    private readonly BrainScene _scene;
    private readonly ActivityTimeline _timeline;
    private readonly SpikeRecord[] _batch;
    private readonly double[] _times;
    private readonly int[] _neurons;

    /// <summary>A feed from <paramref name="sink"/> into <paramref name="timeline"/> over <paramref name="scene"/>.</summary>
    /// <param name="sink">The sink the run writes to.</param>
    /// <param name="scene">The run's scene.</param>
    /// <param name="timeline">Where the spikes go.</param>
    /// <param name="batch">Spikes moved per step of <see cref="Pump"/>'s loop.</param>
    public LiveFeed(LiveSpikeSink sink, BrainScene scene, ActivityTimeline timeline, int batch = 65_536)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _scene = scene ?? throw new ArgumentNullException(nameof(scene));
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        _batch = new SpikeRecord[batch];
        _times = new double[batch];
        _neurons = new int[batch];
    }

    /// <summary>Spikes moved into the timeline so far.</summary>
    public long Received { get; private set; }

    /// <summary>Spikes the viewer lost because it fell behind (the run's files have them all).</summary>
    public long Dropped => _sink.Ring.Dropped;

    /// <summary>The time of the newest spike the run has produced, ms (0 before the first).</summary>
    public double LatestMs => _sink.Layout is { } layout && _sink.LastStep >= 0 ? _sink.LastStep * layout.Dt : 0;

    /// <summary>True once the run has ended and every spike it offered has been moved.</summary>
    public bool Finished { get; private set; }

    /// <summary>Moves the waiting spikes into the timeline, at most <paramref name="limit"/> (so one frame's work stays bounded); returns how many.</summary>
    public int Pump(int limit = int.MaxValue)
    {
        var completed = _sink.IsCompleted; // read before draining: spikes sent before completion are in the ring by now
        var layout = _sink.Layout;
        var moved = 0;
        if (layout is not null)
        {
            while (moved < limit)
            {
                var n = _sink.Ring.Read(_batch.AsSpan(0, Math.Min(_batch.Length, limit - moved)));
                if (n == 0) break;
                for (var i = 0; i < n; i++)
                {
                    var spike = _batch[i];
                    _times[i] = spike.Step * layout.Dt;
                    _neurons[i] = _scene.Populations[spike.Population].Offset + spike.Neuron;
                }
                _timeline.AddRange(_times.AsSpan(0, n), _neurons.AsSpan(0, n));
                moved += n;
            }
        }
        Received += moved;
        if (completed && moved < limit) Finished = true;
        return moved;
    }
}
