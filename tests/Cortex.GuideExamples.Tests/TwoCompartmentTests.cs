using Cortex.Spec;
using Cortex.Units;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// guide_two_compartment: the same step current into the dendrite (port "dend", neuron 0) and into the soma (port "soma",
/// neuron 1). The soma sees the dendritic current later and smaller; both settle at the steady state of the linear
/// two-compartment system; reference and cpu give the same potentials to the bit.
/// </summary>
public sealed class TwoCompartmentTests
{
    private const double Dt = 0.1, Current = 0.1;   // ms, nA
    private const double CSoma = 0.25, CDend = 0.1, GSoma = 0.0125, GDend = 0.005, GC = 0.01, ELeak = -65;
    private const int Steps = 6000;
    private const double Tolerance = 2e-3;   // mV

    [Fact]
    public void Dendritic_input_reaches_the_soma_attenuated_and_delayed_and_settles_at_the_closed_form()
    {
        var traces = GuideRuntime.Backends.ToDictionary(b => b, Run);
        Assert.Equal(traces["reference"].Soma, traces["cpu"].Soma);
        Assert.Equal(traces["reference"].Dend, traces["cpu"].Dend);

        var (soma, dend) = traces["cpu"];
        // Steady state of C dV/dt = −G(V − E) + I: V − E = K⁻¹ I, K = [[g_s + g_c, −g_c], [−g_c, g_d + g_c]]. The engine's
        // float potentials (resolution ~4 µV near −60 mV) settle within a few ulp × τ_slow/dt ≈ 1 µV·200 of it (τ_slow = 20 ms).
        var det = GSoma * GDend + GC * (GSoma + GDend);
        double SomaOf(double iSoma, double iDend) => ELeak + ((GDend + GC) * iSoma + GC * iDend) / det;
        double DendOf(double iSoma, double iDend) => ELeak + (GC * iSoma + (GSoma + GC) * iDend) / det;
        Assert.Equal(SomaOf(0, Current), soma[0][^1], Tolerance);
        Assert.Equal(DendOf(0, Current), dend[0][^1], Tolerance);
        Assert.Equal(SomaOf(Current, 0), soma[1][^1], Tolerance);
        Assert.Equal(DendOf(Current, 0), dend[1][^1], Tolerance);

        // Attenuated: the dendritic current reaches the soma scaled by g_c/(g_d + g_c).
        var viaDendrite = soma[0][^1] - ELeak;
        var direct = soma[1][^1] - ELeak;
        Assert.Equal(GC / (GDend + GC), viaDendrite / direct, 1e-3);
        // Delayed: it takes longer to reach half its own final deflection, and the soma barely moves in the first step.
        Assert.True(HalfRise(soma[0]) > HalfRise(soma[1]) + 10, $"half-rise {HalfRise(soma[0])} vs {HalfRise(soma[1])} steps");
        Assert.True(soma[0][0] - ELeak < 1e-3 * (soma[1][0] - ELeak), $"first step: {soma[0][0] - ELeak} mV vs {soma[1][0] - ELeak} mV");
    }

    private static int HalfRise(float[] v) => Array.FindIndex(v, x => x - ELeak >= (v[^1] - ELeak) / 2);

    // Per neuron, the somatic and dendritic potential after each step.
    private static (float[][] Soma, float[][] Dend) Run(string backend)
    {
        using var session = GuideRuntime.Open(Spec(), backend);
        float[][] soma = [new float[Steps], new float[Steps]], dend = [new float[Steps], new float[Steps]];
        for (var k = 0; k < Steps; k++)
        {
            session.InjectInput("cell", "dend", 0, Current);   // pulse_current: the weight is the current of this step
            session.InjectInput("cell", "soma", 1, Current);
            session.Step();
            var (vs, vd) = (session.GetState("cell", "v"), session.GetState("cell", "v_dend"));
            for (var n = 0; n < 2; n++) (soma[n][k], dend[n][k]) = (vs[n], vd[n]);
        }
        return (soma, dend);
    }

    private static NetworkSpec Spec()
    {
        SynapseSpec Port(string port) => new() { Model = "pulse_current", Port = port };
        static Quantity Nf(double nanofarads) => new(nanofarads, Dimension.Capacitance);
        static Quantity Us(double microsiemens) => new(microsiemens, Dimension.Conductance);
        return new NetworkBuilder("two-compartment").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(9)
            .Population("silent", 1, "lif")
            .Population("cell", 2, "guide_two_compartment", p => p
                .Param("c_soma", Nf(CSoma)).Param("c_dend", Nf(CDend)).Param("g_soma", Us(GSoma)).Param("g_dend", Us(GDend))
                .Param("g_c", Us(GC)).Param("e_leak", Q.MV(ELeak)))
            // Projections that never fire, so the population has the two ports the test injects into.
            .Connect("silent", "cell", new AllToAllConnector(), Q.NA(0), Q.Ms(1), Port("soma"))
            .Connect("silent", "cell", new AllToAllConnector(), Q.NA(0), Q.Ms(1), Port("dend"))
            .Build();
    }
}
