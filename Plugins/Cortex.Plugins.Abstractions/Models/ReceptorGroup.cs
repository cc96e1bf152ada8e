using System.Runtime.InteropServices;

namespace Cortex.Models;

/// <summary>Array-of-structs receptor state of one port of a population, driven through <typeparamref name="TDynamics"/>.</summary>
public sealed class ReceptorGroup<TState, TParams, TDynamics> : IReceptorGroup
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, IReceptorDynamics<TState, TParams>
{
    private readonly TState[] _states;
    private readonly TParams _parameters;

    /// <summary>Creates <paramref name="count"/> receptor states equal to <paramref name="initial"/>.</summary>
    public ReceptorGroup(int count, TParams parameters, TState initial)
    {
        _states = new TState[count];
        Array.Fill(_states, initial);
        _parameters = parameters;
    }

    /// <summary>The states, for backends that run their own loops.</summary>
    public Span<TState> States => _states;

    /// <summary>The prepared parameters.</summary>
    public ref readonly TParams Parameters => ref _parameters;

    /// <inheritdoc />
    public int Count => _states.Length;

    /// <inheritdoc />
    public void Receive(int neuron, float weight) => default(TDynamics).Receive(ref _states[neuron], in _parameters, weight);

    /// <inheritdoc />
    public PortInput Input(int neuron, float voltage) => default(TDynamics).Input(in _states[neuron], in _parameters, voltage);

    /// <inheritdoc />
    public void Advance(int first, int count)
    {
        var dynamics = default(TDynamics);
        foreach (ref var state in _states.AsSpan(first, count)) dynamics.Advance(ref state, in _parameters);
    }

    /// <inheritdoc />
    public void Drive(int first, ReadOnlySpan<float> voltages, Span<float> currents, Span<PortInput> ports, int stride)
    {
        var dynamics = default(TDynamics);
        var states = _states.AsSpan(first, currents.Length);
        for (var i = 0; i < states.Length; i++)
        {
            var input = dynamics.Input(in states[i], in _parameters, voltages[i]);
            currents[i] += input.Current;
            if (!ports.IsEmpty) ports[i * stride] = input;
            dynamics.Advance(ref states[i], in _parameters);
        }
    }

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
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException("the snapshot ends inside a receptor state");
    }
}
