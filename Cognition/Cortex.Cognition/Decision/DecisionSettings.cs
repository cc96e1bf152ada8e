using Cortex.Models;

namespace Cortex.Cognition.Decision;

/// <summary>The decision task's parameters, typed (times in ms, rates in Hz, coherences as fractions).</summary>
public sealed record DecisionSettings
{
    /// <summary>Neurons in the whole network (Wang: 2000); 80 % excitatory, 20 % interneurons.</summary>
    public required int Neurons { get; init; }
    /// <summary>Fraction of the excitatory neurons in each selective pool (Wang: f = 0.15).</summary>
    public required double SelectiveFraction { get; init; }
    /// <summary>Relative strength of the synapses inside a selective pool (Wang: w+ = 1.7).</summary>
    public required double WPlus { get; init; }
    /// <summary>Trials per coherence level per episode.</summary>
    public required int TrialsPerCoherence { get; init; }
    /// <summary>The highest coherence (fraction, 0.512 for 51.2 %).</summary>
    public required double MaxCoherence { get; init; }
    /// <summary>Coherence levels: 0 and then <c>Levels − 1</c> values halving down from <see cref="MaxCoherence"/>.</summary>
    public required int Levels { get; init; }
    /// <summary>Longest stimulus (ms): a trial with no threshold crossing ends here.</summary>
    public required double StimulusMs { get; init; }
    /// <summary>Background-only time before each stimulus onset (ms), from the shared spontaneous state.</summary>
    public required double PreStimulusMs { get; init; }
    /// <summary>Time the network settles into its spontaneous state at the start of an episode (ms).</summary>
    public required double SettleMs { get; init; }
    /// <summary>Population rate (Hz) at which a selective pool commits to its choice (Wang: 15 Hz).</summary>
    public required double ThresholdHz { get; init; }
    /// <summary>Sliding window of the population rate that is compared with the threshold (ms).</summary>
    public required double RateWindowMs { get; init; }
    /// <summary>Stimulus rate per selective neuron at zero coherence (Wang: μ0 = 40 Hz).</summary>
    public required double Mu0Hz { get; init; }
    /// <summary>Standard deviation of the stimulus rate, redrawn every <see cref="StimulusIntervalMs"/> (Wang: 4 Hz).</summary>
    public required double SigmaHz { get; init; }
    /// <summary>How often the fluctuating stimulus rates are redrawn (Wang: 50 ms).</summary>
    public required double StimulusIntervalMs { get; init; }
    /// <summary>Background Poisson rate per neuron through AMPA (Wang: 800 inputs × 3 Hz = 2.4 kHz).</summary>
    public required double BackgroundHz { get; init; }
    /// <summary>Simulation time step (ms).</summary>
    public required double Dt { get; init; }

    /// <summary>The coherence levels, ascending: 0 then the halving series up to <see cref="MaxCoherence"/>.</summary>
    public IReadOnlyList<double> Coherences
    {
        get
        {
            var levels = new double[Levels];
            for (var i = 1; i < Levels; i++) levels[i] = MaxCoherence / Math.Pow(2, Levels - 1 - i);
            return levels;
        }
    }

    /// <summary>The settings from resolved task parameters.</summary>
    public static DecisionSettings From(ParameterValues p) => new()
    {
        Neurons = (int)p["neurons"], SelectiveFraction = p["f"], WPlus = p["w_plus"],
        TrialsPerCoherence = (int)p["trials"], MaxCoherence = p["max_coherence"] / 100, Levels = (int)p["levels"],
        StimulusMs = p["stimulus"], PreStimulusMs = p["pre"], SettleMs = p["settle"],
        ThresholdHz = p["threshold"], RateWindowMs = p["rate_window"],
        Mu0Hz = p["mu0"], SigmaHz = p["sigma"], StimulusIntervalMs = p["stimulus_interval"],
        BackgroundHz = p["background"], Dt = p["dt"],
    };
}
