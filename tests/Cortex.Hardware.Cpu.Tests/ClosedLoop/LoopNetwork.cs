using Cortex.Compilation;
using Cortex.Modules;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests.ClosedLoop;

/// <summary>
/// A network that exercises every closed-loop path at once, and a driver that steps it 10 steps at a time,
/// reacting to the spikes it reads: injected spikes and currents, receptor input, neuromodulators (read by a
/// neuron model and by reward-modulated STDP), state and weight writes; plus the SDK 2 receptors (alpha, bi-exponential,
/// NMDA), port-aware neurons with counter-based noise, and per-neuron parameters.
/// </summary>
internal static class LoopNetwork
{
    public static readonly CortexRuntime Runtime = CortexRuntime.Create(
        CortexRuntime.PluginsIn(typeof(ModulesPlugin).Assembly)
            .Concat(CortexRuntime.PluginsIn(typeof(CpuBackendPlugin).Assembly))
            .Append(new ProbeNeuron.Plugin()));

    public static CompiledNetwork Compile(ulong seed = 21) => new NetworkCompiler(Runtime.Registry).Compile(Spec(seed));

    public static NetworkSpec Spec(ulong seed)
    {
        var alpha = Synapse("alpha_current", "exc", ("tau_syn", Q.Ms(2)));
        var biexp = Synapse("biexp_conductance", "ampa", ("tau_rise", Q.Ms(0.5)), ("tau_decay", Q.Ms(4)));
        var nmdaA = Synapse("nmda", "nmda", ("g_max", Q.NS(2)));
        var inhibitory = Synapse("exp_current", "inh", ("tau_syn", Q.Ms(8)));
        var soma = Synapse("exp_current", "soma", ("tau_syn", Q.Ms(3)));
        var dendrite = Synapse("nmda", "dend", ("g_max", Q.NS(5)));
        var rstdp = new PlasticitySpec
        {
            Rule = "rstdp",
            Params = new Dictionary<string, Quantity> { ["w_max"] = Q.Number(1), ["eta"] = Q.Number(0.05), ["tau_c"] = Q.Ms(100) },
        };
        return new NetworkBuilder("closed-loop").Dt(Q.Ms(0.1)).Duration(Q.Ms(1000)).Seed(seed)
            .Neuromodulator("dopamine", baseline: 0, tau: Q.Ms(50))
            .Neuromodulator("ach", baseline: 2)
            .Population("in", 40, "lif")
            .Population("a", 200, "lif", p => p
                .Param("tau_m", new UniformValue(Q.Ms(15), Q.Ms(25)))
                .Param("v_thresh", new NormalValue(Q.MV(-50), Q.MV(1), Q.MV(-53), Q.MV(-47)))
                .Init("v", new UniformValue(Q.MV(-70), Q.MV(-52))))
            .Population("p", 100, "probe_neuron")
            .Connect("in", "a", new FixedProbabilityConnector(0.2), Q.NA(0.4), Q.Ms(1), alpha, rstdp, "in->a")
            .Connect("a", "a", new FixedProbabilityConnector(0.05), new NormalValue(Q.NS(3), Q.NS(1), Q.NS(0)), new UniformValue(Q.Ms(0.5), Q.Ms(3)), biexp, projectionName: "a->a")
            .Connect("in", "a", new FixedProbabilityConnector(0.1), Q.Number(0.5), Q.Ms(2), nmdaA, projectionName: "in->a nmda")
            .Connect("a", "p", new FixedProbabilityConnector(0.1), Q.NA(0.05), Q.Ms(1.5), soma, projectionName: "a->p")
            .Connect("in", "p", new FixedProbabilityConnector(0.3), Q.Number(1), Q.Ms(1), dendrite, projectionName: "in->p")
            .Connect("p", "a", new FixedProbabilityConnector(0.1), Q.NA(-0.3), Q.Ms(0.8), inhibitory, projectionName: "p->a")
            .Stimulate(new PoissonStimulus { Target = "a", Rate = Q.Hz(600), Weight = Q.NA(0.15), Synapse = alpha })
            .RecordSpikes("in").RecordSpikes("a").RecordSpikes("p")
            .RecordState("a", "v", [0, 5, 9], Q.Ms(1))
            .Build();
    }

    private static SynapseSpec Synapse(string model, string port, params (string Name, Quantity Value)[] parameters) =>
        new() { Model = model, Port = port, Params = parameters.ToDictionary(p => p.Name, p => p.Value) };

    /// <summary>Everything a driven run produced, for exact comparison.</summary>
    public sealed record Trace(List<int[]> LastSpikes, List<SpikeRecord> Recorded, float[][] Weights, float[] Voltages, float[] NmdaGating, float Dopamine)
    {
        public void AssertSameAs(Trace other)
        {
            Assert.Equal(LastSpikes.Count, other.LastSpikes.Count);
            for (var i = 0; i < LastSpikes.Count; i++) Assert.Equal(LastSpikes[i], other.LastSpikes[i]);
            Assert.Equal(Recorded, other.Recorded);
            for (var p = 0; p < Weights.Length; p++) Assert.Equal(Weights[p], other.Weights[p]);
            Assert.Equal(Voltages, other.Voltages);
            Assert.Equal(NmdaGating, other.NmdaGating);
            Assert.Equal(Dopamine, other.Dopamine);
        }
    }

    /// <summary>
    /// Drives <paramref name="session"/> for <paramref name="calls"/> calls of Step(10), numbered from <paramref name="first"/>.
    /// <see cref="Trace.Recorded"/> is left empty: a sink may be read only once its session is complete.
    /// </summary>
    public static Trace Drive(ClosedLoopSession session, int first, int calls)
    {
        var lastSpikes = new List<int[]>();
        for (var k = first; k < first + calls; k++)
        {
            // Observation → action: which input neurons fire depends on the call and on what "p" did.
            var pSpikes = session.Spikes("p").Length;
            int[] cue = [k % 40, (k * 7 + pSpikes) % 40, (k * 13) % 40];
            session.InjectSpikes("in", cue);
            session.SetCurrent("a", k % 200, 0.3 + 0.01 * (k % 5));
            session.InjectInput("a", "exc", (k * 3) % 200, 0.2);
            if (pSpikes > 0) session.AddNeuromodulator("dopamine", 0.5);
            if (k % 25 == 24) session.SetNeuromodulator("ach", 1 + (k % 3), "p");
            if (k % 40 == 39)
            {
                var weights = session.GetWeights("a->p");
                for (var i = 0; i < weights.Length; i++) weights[i] *= 0.95f;
                session.SetWeights("a->p", weights);
                var v = session.GetState("a", "v");
                v[k % 200] = -55;
                session.SetState("a", "v", v);
            }
            session.Step(10);
            lastSpikes.Add(session.Spikes("a").ToArray());
            lastSpikes.Add(session.Spikes("p").ToArray());
        }
        var network = session.Network;
        return new Trace(
            lastSpikes,
            [],
            [.. network.Projections.Select(p => session.GetWeights(p.Name))],
            session.GetState("a", "v"),
            session.GetState("a", "nmda.s"),
            session.GetNeuromodulator("dopamine", "a"));
    }
}
