namespace Cortex.Models;

/// <summary>
/// Array-of-structs state of one population with its prepared parameters. Fast backends take
/// <see cref="States"/> and <see cref="Parameters"/> and call <typeparamref name="TDynamics"/> directly.
/// </summary>
public sealed class NeuronGroup<TState, TParams, TDynamics> : INeuronGroup
    where TState : struct
    where TParams : struct
    where TDynamics : struct, INeuronDynamics<TState, TParams>
{
    private readonly TState[] _states;
    private readonly TParams _parameters;

    /// <summary>Creates <paramref name="count"/> neurons in state <paramref name="initial"/>.</summary>
    public NeuronGroup(int count, TParams parameters, TState initial)
    {
        _states = new TState[count];
        Array.Fill(_states, initial);
        _parameters = parameters;
    }

    /// <summary>The per-neuron states, for backends that run their own loops.</summary>
    public Span<TState> States => _states;

    /// <summary>The parameters prepared for this run's dt.</summary>
    public ref readonly TParams Parameters => ref _parameters;

    /// <inheritdoc />
    public int Count => _states.Length;

    /// <inheritdoc />
    public bool Step(int neuron, float current) => default(TDynamics).Step(ref _states[neuron], in _parameters, current);

    /// <inheritdoc />
    public int StepMany(int first, ReadOnlySpan<float> currents, Span<int> spiked)
    {
        var count = 0;
        var dynamics = default(TDynamics);
        var states = _states.AsSpan(first, currents.Length);
        for (var i = 0; i < states.Length; i++)
            if (dynamics.Step(ref states[i], in _parameters, currents[i])) spiked[count++] = first + i;
        return count;
    }

    /// <inheritdoc />
    public float Voltage(int neuron) => default(TDynamics).Voltage(in _states[neuron]);

    /// <inheritdoc />
    public void AddVoltage(int neuron, float jump) => default(TDynamics).AddVoltage(ref _states[neuron], in _parameters, jump);

    /// <inheritdoc />
    public float Get(int variable, int neuron) => default(TDynamics).Get(in _states[neuron], variable);

    /// <inheritdoc />
    public void Set(int variable, int neuron, float value) => default(TDynamics).Set(ref _states[neuron], variable, value);
}
