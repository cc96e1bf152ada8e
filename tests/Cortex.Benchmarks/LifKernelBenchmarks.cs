using BenchmarkDotNet.Attributes;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;
using Cortex.Modules.Neurons;

namespace Cortex.Benchmarks;

/// <summary>
/// One step of 4,096 LIF neurons: the scalar generic path (baseline) against the CPU backend's
/// SIMD lane kernel (<see cref="LaneNeuronKernel{TState, TParams, TDynamics, TLanes}"/> over <see cref="Lif.Lanes"/>),
/// same parameters and currents.
/// </summary>
[MemoryDiagnoser]
public class LifKernelBenchmarks
{
    private const int Neurons = NeuronUpdateBenchmarks.Neurons;

    private INeuronGroup _scalar = null!;
    private LaneNeuronKernel<Lif.State, Lif.Params, Lif.Dynamics, Lif.Lanes> _vector = null!;
    private float[] _currents = null!;
    private int[] _spikes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lif = new Lif();
        var values = new ParameterValues(lif.Parameters);
        _currents = Models.Currents("lif", Neurons);
        _spikes = new int[Neurons];
        _scalar = lif.CreateGroup(values, Neurons, NeuronUpdateBenchmarks.Dt);
        _vector = new(lif.Prepare(values, NeuronUpdateBenchmarks.Dt), Neurons, lif.InitialState(values));
        Models.WarmUp((c, s) => _scalar.StepMany(0, new NeuronBatch(c), s), _currents, _spikes, i => _scalar.Voltage(i), "lif (scalar)");
        Models.WarmUp((c, s) => _vector.Update(0, new NeuronBatch(c), s), _currents, _spikes, i => _vector.Get(0, i), "lif (vector)");
    }

    [Benchmark(Baseline = true)]
    public int LifScalar() => _scalar.StepMany(0, new NeuronBatch(_currents), _spikes);

    [Benchmark]
    public int LifVector() => _vector.Update(0, new NeuronBatch(_currents), _spikes);
}
