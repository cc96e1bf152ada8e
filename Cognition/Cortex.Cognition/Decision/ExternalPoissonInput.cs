using Cortex.Randomness;
using Cortex.Simulation;

namespace Cortex.Cognition.Decision;

/// <summary>
/// The external input of one population, fed each step into its AMPA port: every neuron receives an independent Poisson
/// train at <see cref="RateHz"/> (background plus stimulus: both are Poisson trains into the same linear receptor with
/// the same conductance, so one train at the summed rate is the same input). Drawn here rather than by the kernel's
/// Poisson stimulus so that the rate can change during a trial and each trial has fresh noise after a restored snapshot.
/// </summary>
public sealed class ExternalPoissonInput(string population, int size, double weight, double dt)
{
    private double _mean;
    private double _limit = 1;

    /// <summary>The population fed.</summary>
    public string Population => population;

    /// <summary>Rate per neuron (Hz).</summary>
    public double RateHz { get; private set; }

    /// <summary>Sets the rate per neuron (Hz, negative taken as 0).</summary>
    public void SetRate(double hz)
    {
        RateHz = Math.Max(0, hz);
        _mean = RateHz * dt * 1e-3;
        _limit = SeededRandom.PoissonLimit(_mean);
    }

    /// <summary>Injects one step's input spikes (arriving at the next step), drawn from <paramref name="random"/>.</summary>
    public void Inject(ClosedLoopSession session, ref SeededRandom random)
    {
        if (_mean <= 0) return;
        for (var i = 0; i < size; i++)
        {
            var count = random.NextPoisson(_mean, _limit);
            if (count > 0) session.InjectInput(population, WangNetwork.AmpaPort, i, count * weight);
        }
    }
}
