using Cortex.Randomness;
using Cortex.Simulation;
using Cortex.Tasks;

namespace Cortex.Cognition.Decision;

/// <summary>
/// Runs trials of the random-dot-motion task on <see cref="WangNetwork"/>. The network first settles into its
/// spontaneous state (background input only) and that state is kept as a snapshot; each trial restores it, runs a
/// background-only lead-in with fresh noise, then switches the stimulus on: the selective pools get Poisson input at
/// μ_A = μ0(1 + c) and μ_B = μ0(1 − c) for signed coherence c, each rate redrawn from a Gaussian of s.d. σ every
/// stimulus interval, as in Wang (2002). The trial ends when the population rate of a selective pool (spike count in a
/// sliding window) first reaches the threshold (the choice and reaction time) or when the stimulus ends, when the pool
/// with the higher windowed rate is taken as the choice.
/// </summary>
public sealed class DecisionCircuit : IDisposable
{
    private readonly DecisionSettings _settings;
    private readonly ClosedLoopSession _session;
    private readonly SessionSnapshot _spontaneous;
    private readonly ExternalPoissonInput[] _inputs;
    private readonly WangNetwork.Sizes _sizes;
    private readonly int _windowSteps;
    private SeededRandom _random;
    private long _steps;

    /// <summary>Builds and opens the network and lets it settle; all randomness derives from <paramref name="seed"/>.</summary>
    public DecisionCircuit(TaskContext context, DecisionSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _sizes = WangNetwork.Sizes.Of(settings.Neurons, settings.SelectiveFraction);
        _random = TaskSeeds.Random(seed, 1);
        var network = context.Compile(WangNetwork.BuildSpec(settings, TaskSeeds.Derive(seed, 0, 2)), "decision network");
        _session = context.Open(network);
        _inputs =
        [
            new(WangNetwork.Selective[0], _sizes.Pool, WangNetwork.ExternalAmpaPyramidal, settings.Dt),
            new(WangNetwork.Selective[1], _sizes.Pool, WangNetwork.ExternalAmpaPyramidal, settings.Dt),
            new(WangNetwork.NonSelective, _sizes.NonSelective, WangNetwork.ExternalAmpaPyramidal, settings.Dt),
            new(WangNetwork.Inhibitory, _sizes.Inhibitory, WangNetwork.ExternalAmpaInterneuron, settings.Dt),
        ];
        _windowSteps = Math.Max(1, (int)Math.Round(settings.RateWindowMs / settings.Dt));
        Background();
        Run(Steps(settings.SettleMs));
        _spontaneous = _session.Snapshot();
    }

    /// <summary>The running session (for inspection in tests).</summary>
    public ClosedLoopSession Session => _session;

    /// <summary>Biological time simulated so far (ms), settling and every trial's steps included (for the real-time factor).</summary>
    public double SimulatedMs => _steps * _settings.Dt;

    /// <summary>Mean rates (Hz) of A, B, N and I over the last lead-in, the spontaneous state.</summary>
    public IReadOnlyList<double> SpontaneousRates { get; private set; } = [0, 0, 0, 0];

    /// <summary>Runs one trial at unsigned coherence <paramref name="coherence"/> (fraction) favouring pool <paramref name="favoured"/> (0 = A, 1 = B).</summary>
    public TrialOutcome Run(double coherence, int favoured)
    {
        _session.Restore(_spontaneous);
        Background();
        SpontaneousRates = Run(Steps(_settings.PreStimulusMs));

        var signed = favoured == 0 ? coherence : -coherence;
        var intervalSteps = Math.Max(1, Steps(_settings.StimulusIntervalMs));
        var stimulusSteps = Math.Max(1, Steps(_settings.StimulusMs));
        var window = new int[2, _windowSteps];
        var inWindow = new int[2];
        // Spikes in the window needed to reach the threshold: rate = count / (pool · window).
        var needed = _settings.ThresholdHz * _sizes.Pool * _windowSteps * _settings.Dt * 1e-3;
        for (var step = 0; step < stimulusSteps; step++)
        {
            if (step % intervalSteps == 0)
            {
                for (var pool = 0; pool < 2; pool++)
                {
                    var mean = _settings.Mu0Hz * (1 + (pool == 0 ? signed : -signed));
                    _inputs[pool].SetRate(_settings.BackgroundHz + mean + _settings.SigmaHz * _random.NextGaussian());
                }
            }
            StepOnce();
            var slot = step % _windowSteps;
            for (var pool = 0; pool < 2; pool++)
            {
                var spikes = _session.Spikes(WangNetwork.Selective[pool]).Length;
                inWindow[pool] += spikes - window[pool, slot];
                window[pool, slot] = spikes;
            }
            var crossedA = inWindow[0] >= needed;
            var crossedB = inWindow[1] >= needed;
            if (crossedA || crossedB)
            {
                // Both in the same step: the one further above the threshold, else a coin.
                var choice = crossedA && crossedB ? (inWindow[0] == inWindow[1] ? _random.NextInt(2) : inWindow[0] > inWindow[1] ? 0 : 1) : crossedA ? 0 : 1;
                return new TrialOutcome(coherence, favoured, choice, true, (step + 1) * _settings.Dt, Rates(inWindow));
            }
        }
        var last = inWindow[0] == inWindow[1] ? _random.NextInt(2) : inWindow[0] > inWindow[1] ? 0 : 1;
        return new TrialOutcome(coherence, favoured, last, false, stimulusSteps * _settings.Dt, Rates(inWindow));
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private double[] Rates(int[] inWindow) => [.. inWindow.Select(n => n / (_sizes.Pool * _windowSteps * _settings.Dt * 1e-3))];

    private int Steps(double ms) => (int)Math.Round(ms / _settings.Dt);

    private void Background()
    {
        foreach (var input in _inputs) input.SetRate(_settings.BackgroundHz);
    }

    // Runs background-only steps; returns each population's mean rate (Hz) over them.
    private double[] Run(int steps)
    {
        var counts = new long[_inputs.Length];
        for (var step = 0; step < steps; step++)
        {
            StepOnce();
            for (var p = 0; p < _inputs.Length; p++) counts[p] += _session.Spikes(_inputs[p].Population).Length;
        }
        var seconds = steps * _settings.Dt * 1e-3;
        return [.. counts.Select((c, p) => steps == 0 ? 0 : c / (_sizes.Size(_inputs[p].Population) * seconds))];
    }

    private void StepOnce()
    {
        foreach (var input in _inputs) input.Inject(_session, ref _random);
        _session.Step();
        _steps++;
    }
}
