using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// One plastic projection between two <c>lif</c> populations, driven by a seeded schedule of forced spikes, run on a
/// backend through the closed-loop session: the gpu backend on ILGPU's CPU accelerator, or the cpu backend as the
/// reference, with a dopamine level that alternates. Nothing drives the neurons besides the forced spikes, and the plastic <c>delta</c> weights stay far below
/// the 15 mV gap to threshold, so both backends see exactly the same spikes and only plasticity can make them differ.
/// </summary>
internal static class PlasticRun
{
    public const string Pre = "pre", Post = "post", Projection = "plastic";
    public const double Dt = 0.1;

    /// <summary>Declared by every network here (read only by rstdp): its level alternates, +1 and −0.5 for 15 ms each.</summary>
    public const string Dopamine = "dopamine";

    public static ComponentRegistry Registry => GpuRun.Registry;

    /// <summary>The gpu backend on ILGPU's CPU accelerator (how CI runs its kernels).</summary>
    public static BackendOptions CpuAccelerator => new() { Device = "cpu", Threads = 1 };

    /// <summary>
    /// <paramref name="pres"/> → <paramref name="posts"/> neurons, connection probability 0.5, weights uniform in
    /// [0.05, 0.3] mV and delays uniform in [1, 3] ms (so rows hold several delay runs), rule <paramref name="rule"/>.
    /// </summary>
    public static CompiledNetwork Network(PlasticitySpec rule, int pres = 12, int posts = 6, int steps = 2000) =>
        new NetworkCompiler(Registry).Compile(new NetworkBuilder("gpu_plastic").Dt(Q.Ms(Dt)).Duration(Q.Ms(steps * Dt)).Seed(20260411)
            .Population(Pre, pres, "lif").Population(Post, posts, "lif").Neuromodulator(Dopamine)
            .Connect(Pre, Post, new FixedProbabilityConnector(0.5), new UniformValue(Q.MV(0.05), Q.MV(0.3)), new UniformValue(Q.Ms(1), Q.Ms(3)),
                new SynapseSpec { Model = "delta", Port = "plastic" }, rule, Projection)
            .Build(), 1);

    /// <summary>A rule spec; parameters named tau… are in ms, the rest plain numbers (or Hz for rates named r_… / y_0).</summary>
    public static PlasticitySpec Rule(string rule, params (string Name, double Value)[] values) => new()
    {
        Rule = rule,
        Params = values.ToDictionary(v => v.Name, v => v.Name.StartsWith("tau", StringComparison.Ordinal) || v.Name == "spike_width" ? Q.Ms(v.Value)
            : v.Name.StartsWith("r_", StringComparison.Ordinal) || v.Name is "y_0" or "theta_0" ? Q.Hz(v.Value)
            : v.Name is "theta_minus" or "theta_plus" or "u_spike" ? Q.MV(v.Value) : Q.Number(v.Value)),
    };

    /// <summary>A seeded schedule: per step, the pre and post neurons forced to spike (Poisson at the given rates).</summary>
    public static (int[][] Pre, int[][] Post) Schedule(CompiledNetwork network, int steps, double preHz, double postHz, int seed)
    {
        var random = new Random(seed);
        int[] Draw(int size, double hz) => [.. Enumerable.Range(0, size).Where(_ => random.NextDouble() < hz * Dt / 1000)];
        var pres = network.Populations[0].Size;
        var posts = network.Populations[1].Size;
        var pre = new int[steps][];
        var post = new int[steps][];
        for (var n = 0; n < steps; n++)
        {
            pre[n] = Draw(pres, preHz);
            post[n] = Draw(posts, postHz);
        }
        return (pre, post);
    }

    /// <summary>Runs the schedule; returns the final weights and the post neurons' voltages after every step.</summary>
    public static (float[] Weights, float[][] Voltages) Run(CompiledNetwork network, string backend, (int[][] Pre, int[][] Post) schedule,
        BackendOptions? options = null)
    {
        using var session = ClosedLoopSession.Open(network, Registry.GetBackend(backend), options ?? new BackendOptions { Threads = 1 });
        var voltages = new float[schedule.Pre.Length][];
        for (var n = 0; n < schedule.Pre.Length; n++)
        {
            Force(session, schedule, n);
            session.SetNeuromodulator(Dopamine, n % 300 < 150 ? 1 : -0.5);
            session.Step();
            voltages[n] = session.GetState(Post, "v");
        }
        return (session.GetWeights(Projection), voltages);
    }

    /// <summary>Forces step <paramref name="n"/>'s spikes of the schedule (before the session computes that step).</summary>
    public static void Force(ClosedLoopSession session, (int[][] Pre, int[][] Post) schedule, int n)
    {
        if (schedule.Pre[n].Length > 0) session.InjectSpikes(Pre, schedule.Pre[n]);
        if (schedule.Post[n].Length > 0) session.InjectSpikes(Post, schedule.Post[n]);
    }
}
