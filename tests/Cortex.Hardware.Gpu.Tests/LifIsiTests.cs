using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>A LIF neuron under constant current fires periodically; its period has a closed form the kernels must reproduce.</summary>
public sealed class LifIsiTests
{
    [Fact]
    public void Constant_current_gives_the_closed_form_interspike_interval_within_one_step()
    {
        // LIF defaults: tau_m 20 ms, cm 0.25 nF (R = 80 MΩ), v_rest = v_reset = −65 mV, v_thresh −50 mV, tau_refrac 2 ms.
        double[] currents = [0.25, 0.3, 0.5, 1.0];
        const double dt = 0.1, tauM = 20, r = 80, vReset = -65, vThresh = -50, tRef = 2;
        var builder = new NetworkBuilder("isi").Dt(Q.Ms(dt)).Duration(Q.Ms(300)).Seed(1)
            .Population("cells", currents.Length, "lif")
            .RecordSpikes("cells");
        for (var i = 0; i < currents.Length; i++) builder.Dc("cells", Q.NA(currents[i]), indices: [i]);
        var network = GpuRun.Compile(builder.Build());

        var spikes = GpuRun.Run(network, "gpu").Spikes;

        for (var i = 0; i < currents.Length; i++)
        {
            var times = spikes.Where(s => s.Neuron == i).Select(s => s.Step * dt).ToArray();
            // Integrating from v_reset towards v∞ = v_rest + R·I, the membrane reaches threshold after τ·ln((v∞ − v_reset)/(v∞ − v_th)).
            var vInf = vReset + r * currents[i];
            var expected = tRef + tauM * Math.Log((vInf - vReset) / (vInf - vThresh));
            Assert.True(times.Length >= 5, $"neuron {i} ({currents[i]} nA) should fire regularly, fired {times.Length} times");
            foreach (var isi in times.Zip(times.Skip(1), (a, b) => b - a))
                Assert.InRange(isi, expected - dt - 1e-9, expected + dt + 1e-9);
        }
    }
}
