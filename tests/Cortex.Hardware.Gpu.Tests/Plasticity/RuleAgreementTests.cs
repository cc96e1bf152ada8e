using Xunit.Abstractions;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// Every built-in plasticity rule the gpu backend runs, on ILGPU's CPU accelerator, against the cpu backend with the same
/// forced spikes (see <see cref="PlasticRun"/>): the final weights and the postsynaptic voltages after every step (which
/// carry the efficacies arrivals delivered, e.g. Tsodyks–Markram's scaled ones) must agree.
/// <para>Stated tolerance: weights within <see cref="WeightTolerance"/> (absolute, in the projection's weight unit; the
/// weights here are 0.05–1), voltages within <see cref="VoltageTolerance"/> mV. The hooks run in the cpu backend's order on
/// the same synapses, so on the CPU accelerator the only difference is the gpu backend's fixed-point sum of arrivals
/// (2^−40 resolution); a real GPU adds its own exp/pow rounding, a few ulp per call.</para>
/// </summary>
public sealed class RuleAgreementTests(ITestOutputHelper output)
{
    public const double WeightTolerance = 1e-6;
    public const double VoltageTolerance = 1e-4;
    private const int Steps = 1500;

    public static TheoryData<string, string> Rules => new()
    {
        { "stdp", "" },
        { "stdp", "nearest_spike=1,multiplicative=1" },
        { "stdp", "soft_bounds=1,mu=0.5" },
        { "triplet_stdp", "a2_plus=0.005" },
        { "clopath", "" },
        { "bcm", "eta=0.00001" },
        { "oja", "" },
        { "hebb", "" },
        { "tsodyks_markram", "U=0.4,tau_facil=100" },
        { "synaptic_scaling", "eta=0.5" },
        { "rstdp", "eta=0.01" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Weights_and_delivered_efficacies_match_the_cpu_backend(string rule, string parameters)
    {
        var values = parameters.Length == 0 ? [] : parameters.Split(',').Select(kv => kv.Split('=')).Select(kv => (kv[0], double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var network = PlasticRun.Network(PlasticRun.Rule(rule, values), steps: Steps);
        var schedule = PlasticRun.Schedule(network, Steps, preHz: 40, postHz: 30, seed: 7);

        var cpu = PlasticRun.Run(network, "cpu", schedule);
        var gpu = PlasticRun.Run(network, "gpu", schedule, PlasticRun.CpuAccelerator);

        var initial = network.Projections[0].Table.Weights;
        var moved = initial.Zip(cpu.Weights, (a, b) => Math.Abs(a - b)).Max();
        var weightError = cpu.Weights.Zip(gpu.Weights, (a, b) => Math.Abs(a - b)).Max();
        var voltageError = cpu.Voltages.Zip(gpu.Voltages, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
        output.WriteLine($"{rule} {parameters}: weights moved up to {moved:G3}, gpu − cpu: weights {weightError:G3}, voltages {voltageError:G3} mV");

        Assert.Equal(cpu.Weights.Length, gpu.Weights.Length);
        Assert.True(weightError <= WeightTolerance, $"weights differ by {weightError:G3}");
        Assert.True(voltageError <= VoltageTolerance, $"voltages differ by {voltageError:G3} mV");
        // The comparison means something only if the rule acted: weights moved (short-term plasticity keeps them, and
        // shows in the voltages instead, checked against static delivery in its own test).
        if (rule != "tsodyks_markram") Assert.True(moved > 1000 * WeightTolerance, $"weights moved only {moved:G3}");
    }
}
