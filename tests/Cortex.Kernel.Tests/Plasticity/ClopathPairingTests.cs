using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// The pairing protocol of Clopath et al. (2010, Nat Neurosci 13:344, Fig. 2) after Sjöström, Turrigiano &amp; Nelson
/// (2001, Neuron 32:1149): 15 pairings of a presynaptic arrival and a postsynaptic spike 10 ms apart, in either order,
/// repeated at 1 to 50 Hz, with the rule's defaults (the paper's visual cortex set). Through the engine on both CPU
/// backends (<see cref="PairingRun"/>: spikes forced at chosen steps, one pair of neurons per protocol), the postsynaptic
/// <c>lif</c> neuron resting at θ− = −70.6 mV (the paper's E_L), small delta-synapse EPSPs, dt = 0.1 ms.
/// <para><b>What the paper and the data say.</b> At low rates pre-before-post (+10 ms) potentiates and post-before-pre
/// (−10 ms) depresses; at 40–50 Hz both potentiate, the depolarisation of one pairing outlasting the interval to the next;
/// the −10 ms change rises with the rate from depression to potentiation, and +10 ms potentiation grows with the rate.
/// Nothing here is taken from the engine's own output.</para>
/// <para>A second projection reads the neuron's own voltage (<c>spike_width</c> = 0): a <c>lif</c> neuron never ends a step
/// above its threshold (−50 mV, below θ+ = −45.3 mV; its spikes reset within the step), so it never potentiates — why the
/// rule holds u at <c>u_spike</c> after a spike.</para>
/// </summary>
public sealed class ClopathPairingTests
{
    private const double Dt = 0.1, DelayMs = 1, FirstArrivalMs = 50, LagMs = 10, W0 = 0.5, RestMv = -70.6;
    private const int Pairings = 15;
    private static readonly double[] FrequenciesHz = [1, 10, 20, 40, 50];

    private static long Steps(double ms) => (long)Math.Round(ms / Dt);

    [Fact]
    public void Pairing_frequency_dependence_follows_Sjostrom_2001_on_both_backends()
    {
        // Pair i = 2·(frequency index) + (0: Δt = +10 ms, 1: Δt = −10 ms).
        var protocols = FrequenciesHz.SelectMany(f => new[] { (Hz: f, Lag: LagMs), (Hz: f, Lag: -LagMs) }).ToArray();
        var spikes = new List<(long, string, int)>();
        var end = 0L;
        for (var i = 0; i < protocols.Length; i++)
            for (var k = 0; k < Pairings; k++)
            {
                var arrival = Steps(FirstArrivalMs + k * 1000 / protocols[i].Hz);
                spikes.Add((arrival - Steps(DelayMs), PairingRun.Pre, i));
                spikes.Add((arrival + Steps(protocols[i].Lag), PairingRun.Post, i));
                end = Math.Max(end, arrival + Steps(200));
            }
        var network = TestRuntime.Compile(Network(protocols.Length, end * Dt));

        var runs = PairingRun.Backends.Select(b => PairingRun.Run(network, b, spikes, end)).ToList();

        foreach (var name in new[] { "clopath", "own_voltage" }) Assert.Equal(runs[0][name], runs[1][name]);
        var change = runs[0]["clopath"].Select(w => w - W0).ToArray();
        double At(double hz, double lag) => change[Array.IndexOf(protocols, (hz, lag))];
        string Where(double hz, double lag) => $"Δt = {lag:+0;-0} ms at {hz} Hz: Δw = {At(hz, lag):G4}";
        foreach (var hz in new[] { 1.0, 10 })
        {
            Assert.True(At(hz, LagMs) > 0, $"{Where(hz, LagMs)} should potentiate");
            Assert.True(At(hz, -LagMs) < 0, $"{Where(hz, -LagMs)} should depress");
        }
        foreach (var hz in new[] { 40.0, 50 })
        {
            Assert.True(At(hz, LagMs) > 0, $"{Where(hz, LagMs)} should potentiate");
            Assert.True(At(hz, -LagMs) > 0, $"{Where(hz, -LagMs)} should potentiate");
        }
        for (var f = 1; f < FrequenciesHz.Length; f++)
            Assert.True(At(FrequenciesHz[f], -LagMs) > At(FrequenciesHz[f - 1], -LagMs), $"{Where(FrequenciesHz[f], -LagMs)} should exceed {Where(FrequenciesHz[f - 1], -LagMs)}");
        Assert.True(At(50, LagMs) > At(1, LagMs), $"{Where(50, LagMs)} should exceed {Where(1, LagMs)}");

        var ownVoltage = runs[0]["own_voltage"];
        Assert.All(ownVoltage, w => Assert.True(w <= W0, $"reading the reset voltage, the rule potentiated to {w}"));
        Assert.Contains(ownVoltage, w => w < W0);
    }

    /// <summary><see cref="PairingRun"/>'s two populations, the postsynaptic ones resting at θ−, and the two one-to-one plastic projections.</summary>
    private static NetworkSpec Network(int pairs, double endMs)
    {
        static PlasticitySpec Rule(double spikeWidthMs) => new()
        {
            Rule = "clopath",
            Params = new Dictionary<string, Quantity> { ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(2), ["spike_width"] = Q.Ms(spikeWidthMs) },
        };
        var delta = new SynapseSpec { Model = "delta", Port = "plastic" };
        return new NetworkBuilder("clopath_pairing").Dt(Q.Ms(Dt)).Duration(Q.Ms(endMs))
            .Population(PairingRun.Pre, pairs, "lif")
            .Population(PairingRun.Post, pairs, "lif", p => p.Param("v_rest", Q.MV(RestMv)).Param("v_reset", Q.MV(RestMv)))
            .RecordSpikes(PairingRun.Pre).RecordSpikes(PairingRun.Post)
            .Connect(PairingRun.Pre, PairingRun.Post, new OneToOneConnector(), Q.MV(W0), Q.Ms(DelayMs), delta, Rule(2), "clopath")
            .Connect(PairingRun.Pre, PairingRun.Post, new OneToOneConnector(), Q.MV(W0), Q.Ms(DelayMs), delta, Rule(0), "own_voltage")
            .Build();
    }
}
