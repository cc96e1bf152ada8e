using BenchmarkDotNet.Attributes;
using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;
using Cortex.Modules.Neurons;
using Cortex.Modules.Synapses;

namespace Cortex.Benchmarks;

/// <summary>
/// Spike delivery through <see cref="CompactSynapses.Deliver(int, long, CpuReceptor)"/>: a 4,000 × 4,000 projection with
/// connection probability 0.02 (≈ 80 synapses per source, as in CUBA), 10 spikes delivered into a
/// receptor's arrival ring (<see cref="CpuReceptor"/>) per invocation. <c>Shared</c> is CUBA's case
/// (one weight, one delay, 16-bit targets, the fast path); <c>PerSynapse</c> has a weight and a delay
/// (1–3 steps) per synapse, the general path. Each invocation is one simulation step's worth of input:
/// the deliveries, then <see cref="CpuReceptor.Arrive(long, INeuronKernel)"/> of the next step's slot, which takes the sums
/// into the receptor state and clears the slot and its touch list (without it the touch lists would
/// grow without bound over BenchmarkDotNet's millions of invocations).
/// </summary>
[MemoryDiagnoser]
public class SpikeDeliveryBenchmarks
{
    private const int Size = 4000;
    private const double P = 0.02;
    private const int SpikesPerStep = 10;

    private CompactSynapses _synapses = null!;
    private int[] _sources = null!;
    private CpuReceptor _receptor = null!;
    private INeuronKernel _kernel = null!;
    private long _step;

    [Params("Shared", "PerSynapse")]
    public string Layout { get; set; } = "Shared";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20050101);
        var perSynapse = Layout == "PerSynapse";
        var rowStart = new int[Size + 1];
        var targets = new List<int>();
        var weights = new List<float>();
        var delays = new List<ushort>();
        for (var source = 0; source < Size; source++)
        {
            // Rows sorted by delay then target, as the compiler's SynapseTable is.
            var row = new List<(ushort Delay, int Target, float Weight)>();
            for (var target = 0; target < Size; target++)
            {
                if (random.NextDouble() >= P) continue;
                var delay = perSynapse ? (ushort)random.Next(1, 4) : (ushort)1;
                var weight = perSynapse ? (float)(0.0162 * (0.5 + random.NextDouble())) : 0.0162f;
                row.Add((delay, target, weight));
            }
            foreach (var (delay, target, weight) in row.OrderBy(s => s.Delay).ThenBy(s => s.Target))
            {
                targets.Add(target);
                weights.Add(weight);
                delays.Add(delay);
            }
            rowStart[source + 1] = targets.Count;
        }
        var table = new SynapseTable(rowStart, [.. targets], [.. weights], [.. delays]);
        _synapses = new CompactSynapses(table, Size);
        var synapse = new ExpCurrentSynapse();
        var receptor = new CompiledReceptor { Port = "exc", Index = 0, Model = synapse, Parameters = new ParameterValues(synapse.Parameters) };
        _receptor = new CpuReceptor(receptor, Size, 0.1, delays.Max() + 1);
        var lif = new Lif();
        _kernel = new LaneNeuronKernel<Lif.State, Lif.Params, Lif.Dynamics, Lif.Lanes>(lif.Prepare(new ParameterValues(lif.Parameters), 0.1), Size, lif.InitialState(new ParameterValues(lif.Parameters)));
        _sources = [.. Enumerable.Range(0, SpikesPerStep).Select(_ => random.Next(Size))];
    }

    [Benchmark]
    public void Deliver10Spikes()
    {
        var step = _step++;
        foreach (var source in _sources) _synapses.Deliver(source, step, _receptor);
        _receptor.Arrive(step + 1, _kernel);
    }
}
