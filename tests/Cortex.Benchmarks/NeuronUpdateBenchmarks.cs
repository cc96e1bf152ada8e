using BenchmarkDotNet.Attributes;
using Cortex.Models;
using Cortex.Modules.Neurons;

namespace Cortex.Benchmarks;

/// <summary>
/// One step of 4,096 neurons of each built-in model through the generic scalar path
/// (<see cref="INeuronGroup.StepMany"/>, the loop the JIT specialises per model) with a constant
/// current per neuron. Divide the mean by 4,096 for the time per neuron and step.
/// </summary>
[MemoryDiagnoser]
public class NeuronUpdateBenchmarks
{
    public const int Neurons = 4096;
    public const double Dt = 0.1;

    private INeuronGroup _group = null!;
    private float[] _currents = null!;
    private int[] _spikes = null!;

    [Params("lif", "if", "izhikevich", "adex", "hh")]
    public string Model { get; set; } = "lif";

    [GlobalSetup]
    public void Setup()
    {
        var model = Models.Create(Model);
        _group = model.CreateGroup(new ParameterValues(model.Parameters), Neurons, Dt);
        _currents = Models.Currents(Model, Neurons);
        _spikes = new int[Neurons];
        // Past the initial transient, into the regular firing the benchmark then measures.
        Models.WarmUp((c, s) => _group.StepMany(0, new NeuronBatch(c), s), _currents, _spikes, i => _group.Voltage(i), Model);
    }

    [Benchmark]
    public int StepMany() => _group.StepMany(0, new NeuronBatch(_currents), _spikes);
}

/// <summary>Model lookup, input currents and a sanity warm-up shared by the neuron benchmarks.</summary>
internal static class Models
{
    public static NeuronModel Create(string name) => name switch
    {
        "lif" => new Lif(),
        "if" => new IntegrateAndFire(),
        "izhikevich" => new Izhikevich(),
        "adex" => new AdEx(),
        "hh" => new HodgkinHuxley(),
        _ => throw new ArgumentException($"unknown model '{name}'", nameof(name)),
    };

    /// <summary>
    /// Constant currents (nA) spread over 0.5–1.5× a per-model level above rheobase with the default
    /// parameters, so every neuron fires regularly and not in lock-step.
    /// </summary>
    public static float[] Currents(string model, int count)
    {
        var level = model switch
        {
            "lif" or "if" => 0.5,
            "izhikevich" => 10.0,
            "adex" => 1.0,
            "hh" => 1.0,
            _ => throw new ArgumentException($"unknown model '{model}'", nameof(model)),
        };
        var currents = new float[count];
        for (var i = 0; i < count; i++) currents[i] = (float)(level * (0.5 + i / (double)count));
        return currents;
    }

    /// <summary>Runs 200 ms of steps and checks the population fires and stays finite.</summary>
    public static void WarmUp(Func<float[], int[], int> step, float[] currents, int[] spikes, Func<int, float> voltage, string model)
    {
        long fired = 0;
        for (var i = 0; i < 2000; i++) fired += step(currents, spikes);
        if (fired == 0) throw new InvalidOperationException($"{model}: no neuron fired in the warm-up; the benchmark would not exercise spiking");
        for (var i = 0; i < currents.Length; i++)
            if (!float.IsFinite(voltage(i))) throw new InvalidOperationException($"{model}: neuron {i} is not finite after the warm-up");
    }
}
