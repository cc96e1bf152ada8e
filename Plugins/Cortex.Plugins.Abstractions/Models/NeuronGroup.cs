using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cortex.Models;

/// <summary>
/// Array-of-structs state of one population with its prepared parameters: one shared set, or one per
/// neuron when the spec draws a parameter from a distribution. Fast backends take <see cref="States"/>
/// and <see cref="Parameters"/> and call <typeparamref name="TDynamics"/> directly.
/// </summary>
public sealed class NeuronGroup<TState, TParams, TDynamics> : INeuronGroup
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, INeuronDynamics<TState, TParams>
{
    private readonly TState[] _states;
    private readonly TParams _parameters;
    private readonly TParams[]? _perNeuron;
    private readonly ulong _randomKey;

    /// <summary>Creates <paramref name="count"/> neurons in state <paramref name="initial"/> sharing <paramref name="parameters"/>.</summary>
    public NeuronGroup(int count, TParams parameters, TState initial, ulong randomKey = 0)
    {
        _states = new TState[count];
        Array.Fill(_states, initial);
        _parameters = parameters;
        _randomKey = randomKey;
    }

    /// <summary>Creates neurons with their own parameters and initial states (arrays of equal length).</summary>
    public NeuronGroup(TParams[] perNeuron, TState[] initial, ulong randomKey = 0)
    {
        if (perNeuron.Length != initial.Length) throw new ArgumentException("one parameter set per neuron is needed", nameof(perNeuron));
        _states = initial;
        _perNeuron = perNeuron;
        _parameters = perNeuron.Length > 0 ? perNeuron[0] : default;
        _randomKey = randomKey;
    }

    /// <summary>The per-neuron states, for backends that run their own loops.</summary>
    public Span<TState> States => _states;

    /// <summary>The shared parameters prepared for this run's dt (the first neuron's when they vary).</summary>
    public ref readonly TParams Parameters => ref _parameters;

    /// <summary>True when each neuron has its own parameters.</summary>
    public bool HasPerNeuronParameters => _perNeuron is not null;

    /// <summary>The parameters of neuron <paramref name="neuron"/>.</summary>
    public ref readonly TParams ParametersOf(int neuron) => ref _perNeuron is null ? ref _parameters : ref _perNeuron[neuron];

    /// <inheritdoc />
    public int Count => _states.Length;

    /// <inheritdoc />
    public bool Step(int neuron, in NeuronInput input) => default(TDynamics).Step(ref _states[neuron], in ParametersOf(neuron), in input);

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int StepMany(int first, in NeuronBatch batch, Span<int> spiked)
    {
        var count = 0;
        var dynamics = default(TDynamics);
        var currents = batch.Currents;
        var states = _states.AsSpan(first, currents.Length);
        var plain = batch.Ports.IsEmpty && batch.External.IsEmpty;
        if (plain && _perNeuron is null)
        {
            // The common case: shared parameters, summed current only.
            for (var i = 0; i < states.Length; i++)
            {
                var input = new NeuronInput(currents[i], 0, default, new NeuronRandom(_randomKey, first + i, batch.Step), batch.Neuromodulators);
                if (dynamics.Step(ref states[i], in _parameters, in input)) spiked[count++] = first + i;
            }
            return count;
        }
        for (var i = 0; i < states.Length; i++)
        {
            var ports = batch.Ports.IsEmpty ? default : batch.Ports.Slice(i * batch.PortCount, batch.PortCount);
            var external = batch.External.IsEmpty ? 0 : batch.External[i];
            var input = new NeuronInput(currents[i], external, ports, new NeuronRandom(_randomKey, first + i, batch.Step), batch.Neuromodulators);
            if (dynamics.Step(ref states[i], in ParametersOf(first + i), in input)) spiked[count++] = first + i;
        }
        return count;
    }

    /// <inheritdoc />
    public float Voltage(int neuron) => default(TDynamics).Voltage(in _states[neuron]);

    /// <inheritdoc />
    public void AddVoltage(int neuron, float jump) => default(TDynamics).AddVoltage(ref _states[neuron], in ParametersOf(neuron), jump);

    /// <inheritdoc />
    public float Get(int variable, int neuron) => default(TDynamics).Get(in _states[neuron], variable);

    /// <inheritdoc />
    public void Set(int variable, int neuron, float value) => default(TDynamics).Set(ref _states[neuron], variable, value);

    /// <inheritdoc />
    public void Save(BinaryWriter writer) => writer.Write(MemoryMarshal.AsBytes(_states.AsSpan()));

    /// <inheritdoc />
    public void Load(BinaryReader reader)
    {
        var bytes = MemoryMarshal.AsBytes(_states.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException("the snapshot ends inside a neuron state");
    }
}
