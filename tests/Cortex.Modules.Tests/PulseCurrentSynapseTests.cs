using Cortex.Models;
using Cortex.Modules.Neurons;
using Cortex.Modules.Synapses;
using Cortex.Units;
using Xunit;

namespace Cortex.Modules.Tests;

public class PulseCurrentSynapseTests
{
    [Fact]
    public void Pulse_current_is_a_current_receptor_that_is_gone_after_one_step()
    {
        var model = new PulseCurrentSynapse();
        var receptor = model.Prepare(new ParameterValues(model.Parameters), 0.1);

        Assert.Equal("pulse_current", model.Name);
        Assert.Equal(ReceptorKind.Current, receptor.Kind);
        Assert.Equal(Dimension.Current, model.WeightDimension);
        Assert.Equal(0f, receptor.Decay);
        Assert.Empty(model.Parameters);
        Assert.True(model.WeightRule.Accepts(-1), "inhibitory pulses are negative");
    }

    [Theory]
    [InlineData(1.0, 10.0, 2.0, 0.8)]
    [InlineData(0.1, 20.0, 0.5, -1.5)]
    public void One_arrival_moves_a_lif_neuron_as_the_closed_form_says(double dt, double tauM, double cm, double weight)
    {
        // The receptor as the reference backend drives it: arrivals add to the state, the state is the
        // current of the step, then the state decays by the per-step factor (0 here).
        var receptor = new PulseCurrentSynapse().Prepare(new ParameterValues([]), dt);
        var lif = Sim.Group(new Lif(), dt, ("tau_m", tauM), ("cm", cm), ("v_rest", 0), ("v_reset", -100),
            ("v_thresh", 1000), ("tau_refrac", 0));
        var state = 0f;
        var voltages = new List<double>();
        for (var step = 0; step < 4; step++)
        {
            if (step == 0) state += (float)weight;
            lif.Step(0, state);
            voltages.Add(lif.Voltage(0));
            state *= receptor.Decay;
        }

        // A current I held for one step of dt from v = 0: v = R·I·(1 − e^(−dt/τ)); afterwards free decay.
        var decay = Math.Exp(-dt / tauM);
        var afterPulse = tauM / cm * weight * (1 - decay);
        for (var k = 0; k < voltages.Count; k++)
            Assert.Equal(afterPulse * Math.Pow(decay, k), voltages[k], 1e-5);
    }
}
