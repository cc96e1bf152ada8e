using Cortex.Randomness;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.ActionSelection;

/// <summary>
/// Selects actions with the spiking <c>basal_ganglia</c> circuit (Humphries, Stewart &amp; Gurney 2006), named in the spec
/// and resolved through the registry. Each action's salience is the rate of independent Poisson spikes forced on its
/// block of the cortical relay <c>bg.ctx</c>, drawn step by step in closed loop. After a baseline without input that
/// measures the tonic GPi rate, every bin it reads the GPi spikes per channel; over a sliding window the selected action
/// is the channel whose GPi rate is lowest, provided it is below <c>threshold</c> × tonic (disinhibited); otherwise none (−1).
/// </summary>
public sealed class BasalGangliaSelector(TaskContext context, ActionSelectionSettings settings) : IAgent<SalienceObservation, int>
{
    /// <summary>The circuit instance's name.</summary>
    public const string Instance = "bg";

    private const string Cortex = Instance + ".ctx";
    private const string Gpi = Instance + ".gpi";

    private ClosedLoopSession? _session;
    private SeededRandom _random;
    private readonly Queue<int[]> _window = new();
    private int[] _fired = [];

    /// <summary>The mean GPi rate per channel (Hz) during the baseline: the tonic rate selection is judged against.</summary>
    public double TonicRate { get; private set; }

    /// <summary>GPi rate per channel (Hz) over the window that ended with the last bin.</summary>
    public IReadOnlyList<double> LastRates { get; private set; } = [];

    /// <summary>The network: the circuit with <c>actions</c> channels and the task's tonic dopamine.</summary>
    public static NetworkSpec BuildSpec(ActionSelectionSettings s, ulong seed) => new NetworkBuilder("action-selection")
        .Dt(Q.Ms(s.Dt)).Duration(Q.Ms(s.BaselineMs + s.Phases * s.PhaseMs + s.BinMs)).Seed(seed)
        .Circuit("basal_ganglia", Instance, c => c.Param("channels", s.Actions).Param("channel_size", s.ChannelSize).Param("dopamine", s.Dopamine))
        .Build();

    /// <inheritdoc />
    public void Reset(ulong seed)
    {
        _session?.Dispose();
        _session = null;
        _random = TaskSeeds.Random(seed);
        _window.Clear();
        _fired = new int[settings.Actions * settings.ChannelSize];
        _session = context.Open(context.Compile(BuildSpec(settings, TaskSeeds.Derive(seed, 0, 1)), "action-selection network"));
        var silent = new double[settings.Actions];
        var bins = Math.Max(1, (int)Math.Round(settings.BaselineMs / settings.BinMs));
        // The first 100 ms (or the first half, if shorter) let the nuclei settle from their random start.
        var skip = Math.Min(bins / 2, (int)Math.Round(100 / settings.BinMs));
        var counted = 0.0;
        for (var b = 0; b < bins; b++)
        {
            var counts = RunBin(silent);
            if (b >= skip) counted += counts.Sum();
        }
        TonicRate = counted / (settings.Actions * settings.ChannelSize * ((bins - skip) * settings.BinMs / 1000));
        LastRates = WindowRates();
    }

    /// <inheritdoc />
    public int Act(SalienceObservation observation)
    {
        RunBin(observation.Saliences.Saliences);
        var rates = WindowRates();
        LastRates = rates;
        var lowest = 0;
        for (var k = 1; k < rates.Length; k++) if (rates[k] < rates[lowest]) lowest = k;
        return rates[lowest] < settings.Threshold * TonicRate ? lowest : -1;
    }

    // One bin with the cortical relay driven at the given saliences; GPi spikes per channel, also pushed into the window.
    private int[] RunBin(IReadOnlyList<double> saliences)
    {
        var session = _session ?? throw new InvalidOperationException("call Reset before Act");
        var counts = new int[settings.Actions];
        for (var step = 0; step < settings.StepsPerBin; step++)
        {
            var n = 0;
            for (var k = 0; k < settings.Actions; k++)
            {
                var chance = saliences[k] * settings.Dt / 1000;
                if (chance <= 0) continue;
                for (var i = k * settings.ChannelSize; i < (k + 1) * settings.ChannelSize; i++)
                    if (_random.NextDouble() < chance) _fired[n++] = i;
            }
            if (n > 0) session.InjectSpikes(Cortex, _fired.AsSpan(0, n));
            session.Step();
            foreach (var neuron in session.Spikes(Gpi)) counts[neuron / settings.ChannelSize]++;
        }
        _window.Enqueue(counts);
        while (_window.Count > settings.WindowBins) _window.Dequeue();
        return counts;
    }

    private double[] WindowRates()
    {
        var seconds = _window.Count * settings.BinMs / 1000;
        var rates = new double[settings.Actions];
        foreach (var counts in _window)
            for (var k = 0; k < rates.Length; k++) rates[k] += counts[k];
        for (var k = 0; k < rates.Length; k++) rates[k] /= settings.ChannelSize * seconds;
        return rates;
    }

    /// <inheritdoc />
    public void Learn(double reward)
    {
        // Selection only: the circuit's weights are fixed.
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}
