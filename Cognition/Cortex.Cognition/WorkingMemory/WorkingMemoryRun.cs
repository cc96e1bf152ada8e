using Cortex.Randomness;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Tasks;

namespace Cortex.Cognition.WorkingMemory;

/// <summary>
/// One run of <see cref="WorkingMemoryTask"/>. Each episode is a block of trials on a fresh ring (seeded from the run's
/// seed and the episode). The ring first settles into its spontaneous state; each trial then shows a cue at a random
/// angle (a current with a Gaussian profile into the excitatory neurons near it), removes it, and decodes the bump by
/// the population vector of the excitatory spike counts in a window at the start of the delay and in windows ending
/// at each checkpoint. An optional distractor (a second cue at a set offset) is shown during the delay. Between trials
/// the NMDA state of every neuron is put back to its population's mean at the end of the settling, which erases the memory
/// (it is what keeps the bump alive), and the ring runs the inter-trial interval without input.
/// </summary>
public sealed class WorkingMemoryRun(TaskContext context, WorkingMemorySettings settings) : ITaskRun
{
    private readonly List<WorkingMemoryTrial> _allTrials = [];

    /// <summary>The trials of the last episode.</summary>
    public IReadOnlyList<WorkingMemoryTrial> Trials { get; private set; } = [];

    /// <summary>The spikes of the first trial of the first episode, for the raster (populations as in the network).</summary>
    public IReadOnlyList<SpikeRecord> FirstTrialSpikes { get; private set; } = [];

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var s = settings;
        var random = TaskSeeds.Random(context.DeriveSeed(episode, 0));
        var trialMs = s.CueMs + s.DelayMs + s.ItiMs;
        using var session = RingNetwork.Open(context, s, s.SettleMs + s.Trials * trialMs + 10 * s.Dt, context.DeriveSeed(episode, 1));
        var angles = Enumerable.Range(0, s.Excitatory).Select(i => PopulationVector.PreferredAngle(i, s.Excitatory)).ToArray();
        var settleSteps = Steps(s.SettleMs);
        var settleCounts = new long[2];
        for (var step = 0; step < settleSteps; step++)
        {
            session.Step();
            // Spontaneous rates over the second half of the settling, after the initial transient.
            if (step >= settleSteps / 2)
            {
                settleCounts[0] += session.Spikes(RingNetwork.Excitatory).Length;
                settleCounts[1] += session.Spikes(RingNetwork.Inhibitory).Length;
            }
        }
        (float[] Ex, float[] Es, float[] Ix, float[] Is)? rest = RingNetwork.HasNmda(s) ? CaptureNmda(session) : null;

        var trials = new List<WorkingMemoryTrial>(s.Trials);
        for (var t = 0; t < s.Trials; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = episode == 1 && t == 0 && context.OutputDirectory is not null ? new List<SpikeRecord>() : null;
            trials.Add(RunTrial(session, random, angles, record));
            if (record is not null) FirstTrialSpikes = record;
            if (rest is { } r) RestoreNmda(session, r);
            session.Step(Steps(s.ItiMs));
            context.Progress?.Report(new EpisodeProgress(episode, t + 1, s.Trials, trials.Count(x => x.AbsoluteError(s.Checkpoints - 1) <= s.ToleranceDegrees)));
        }
        Trials = trials;
        _allTrials.AddRange(trials);
        if (context.OutputDirectory is not null) WorkingMemoryPlots.Save(context.OutputDirectory, s, _allTrials, FirstTrialSpikes, session.Network.Layout);

        var spontaneousSeconds = (settleSteps - settleSteps / 2) * s.Dt / 1000;
        var metrics = WorkingMemoryMetrics.Of(s, trials);
        metrics["spontaneous_rate_e_hz"] = spontaneousSeconds > 0 ? settleCounts[0] / (s.Excitatory * spontaneousSeconds) : 0;
        metrics["spontaneous_rate_i_hz"] = spontaneousSeconds > 0 ? settleCounts[1] / (s.Inhibitory * spontaneousSeconds) : 0;
        var correct = trials.Count(x => x.AbsoluteError(s.Checkpoints - 1) <= s.ToleranceDegrees);
        return new EpisodeResult(episode, correct / (double)s.Trials, correct, s.Trials)
        {
            Metrics = metrics,
            Curve = [.. trials.Select(x => x.AbsoluteError(s.Checkpoints - 1))],
        };
    }

    private WorkingMemoryTrial RunTrial(ClosedLoopSession session, SeededRandom random, double[] angles, List<SpikeRecord>? record)
    {
        var s = settings;
        var cue = random.NextDouble() * 360;
        double? distractor = s.HasDistractor ? PopulationVector.Wrap360(cue + s.DistractorOffset) : null;
        var cueSteps = Steps(s.CueMs);
        var windowSteps = Math.Max(1, Steps(s.WindowMs));
        // Decoding windows, in steps from cue offset: the first at the start of the delay, then one ending at each checkpoint.
        var ends = new List<int> { windowSteps };
        ends.AddRange(s.Delays.Select(Steps));
        var counts = ends.Select(_ => new double[s.Excitatory]).ToArray();
        var distractorOn = Steps(s.DistractorOnsetMs);
        var distractorOff = distractorOn + Steps(s.DistractorMs);
        var startStep = session.CurrentStep;

        var injected = session.InjectedCurrent(RingNetwork.Excitatory);
        Drive(injected, angles, cue, s.CueCurrent);
        for (var step = 0; step < cueSteps; step++)
        {
            session.Step();
            Record(session, record, startStep);
        }
        session.InjectedCurrent(RingNetwork.Excitatory).Clear();
        var delaySteps = ends[^1];
        for (var step = 0; step < delaySteps; step++)
        {
            if (distractor is { } d && step == distractorOn) Drive(session.InjectedCurrent(RingNetwork.Excitatory), angles, d, s.DistractorCurrent);
            if (distractor is not null && step == distractorOff) session.InjectedCurrent(RingNetwork.Excitatory).Clear();
            session.Step();
            Record(session, record, startStep);
            var spikes = session.Spikes(RingNetwork.Excitatory);
            for (var k = 0; k < ends.Count; k++)
            {
                if (step < ends[k] - windowSteps || step >= ends[k]) continue;
                foreach (var neuron in spikes) counts[k][neuron]++;
            }
        }
        session.InjectedCurrent(RingNetwork.Excitatory).Clear();
        var decoded = counts.Select(c => PopulationVector.Decode(c, angles)).ToArray();
        var peak = PeakRate(counts[^1], windowSteps * s.Dt / 1000);
        return new WorkingMemoryTrial(cue, distractor, decoded[0], decoded[1..], peak);
    }

    // The cue's profile: amplitude·exp(−Δθ²/2σ²) into each excitatory neuron (Compte et al. 2000 use a Gaussian cue).
    private void Drive(Span<float> injected, double[] angles, double centre, double amplitude)
    {
        var sigma = settings.CueWidth;
        for (var i = 0; i < injected.Length; i++)
        {
            var d = PopulationVector.Difference(angles[i], centre);
            injected[i] = (float)(amplitude * Math.Exp(-d * d / (2 * sigma * sigma)));
        }
    }

    private static void Record(ClosedLoopSession session, List<SpikeRecord>? record, long startStep)
    {
        if (record is null) return;
        var step = session.CurrentStep - 1 - startStep;
        for (var p = 0; p < 2; p++)
            foreach (var neuron in session.Spikes(p)) record.Add(new SpikeRecord(p, neuron, step));
    }

    // The rate (Hz) of the most active slice of the ring, each neuron averaged with its neighbours within 1/64 of the ring.
    private static double PeakRate(double[] counts, double seconds)
    {
        var n = counts.Length;
        var half = Math.Max(0, n / 128);
        var best = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = -half; j <= half; j++) sum += counts[((i + j) % n + n) % n];
            best = Math.Max(best, sum / (2 * half + 1));
        }
        return seconds > 0 ? best / seconds : 0;
    }

    // The NMDA state to erase to: each population's mean over its neurons, the same for every neuron, so that no trace
    // of a bump (the last trial's, or one the background lit during the settling) survives the erasure.
    private static (float[] Ex, float[] Es, float[] Ix, float[] Is) CaptureNmda(ClosedLoopSession session) => (
        Uniform(session.GetState(RingNetwork.Excitatory, RingNetwork.NmdaPort + ".x")), Uniform(session.GetState(RingNetwork.Excitatory, RingNetwork.NmdaPort + ".s")),
        Uniform(session.GetState(RingNetwork.Inhibitory, RingNetwork.NmdaPort + ".x")), Uniform(session.GetState(RingNetwork.Inhibitory, RingNetwork.NmdaPort + ".s")));

    private static float[] Uniform(float[] values)
    {
        Array.Fill(values, values.Length == 0 ? 0 : values.Average());
        return values;
    }

    private static void RestoreNmda(ClosedLoopSession session, (float[] Ex, float[] Es, float[] Ix, float[] Is) rest)
    {
        session.SetState(RingNetwork.Excitatory, RingNetwork.NmdaPort + ".x", rest.Ex);
        session.SetState(RingNetwork.Excitatory, RingNetwork.NmdaPort + ".s", rest.Es);
        session.SetState(RingNetwork.Inhibitory, RingNetwork.NmdaPort + ".x", rest.Ix);
        session.SetState(RingNetwork.Inhibitory, RingNetwork.NmdaPort + ".s", rest.Is);
    }

    private int Steps(double ms) => (int)Math.Round(ms / settings.Dt);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
