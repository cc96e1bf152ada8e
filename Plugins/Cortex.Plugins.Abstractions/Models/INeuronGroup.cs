namespace Cortex.Models;

/// <summary>
/// A population's neuron state as a backend sees it without knowing the model's types: the
/// reference backend drives neurons through this interface one at a time.
/// </summary>
public interface INeuronGroup
{
    /// <summary>Number of neurons.</summary>
    int Count { get; }

    /// <summary>Advances neuron <paramref name="neuron"/> one step; true when it spiked.</summary>
    bool Step(int neuron, in NeuronInput input);

    /// <summary>
    /// Advances neurons <paramref name="first"/> .. first + batch.Currents.Length − 1 one step (a loop the JIT
    /// specialises for the model), writing the indices of those that spiked into <paramref name="spiked"/>; returns how many.
    /// </summary>
    int StepMany(int first, in NeuronBatch batch, Span<int> spiked);

    /// <summary>Membrane potential of a neuron (mV).</summary>
    float Voltage(int neuron);

    /// <summary>Applies a delta-synapse voltage jump (mV).</summary>
    void AddVoltage(int neuron, float jump);

    /// <summary>Reads a state variable (index into the model's <see cref="NeuronModel.StateVariables"/>).</summary>
    float Get(int variable, int neuron);

    /// <summary>Writes a state variable.</summary>
    void Set(int variable, int neuron, float value);

    /// <summary>Writes the whole state (every neuron, every field) for a session snapshot.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);
}

/// <summary>
/// The inputs of a range of neurons for one step, as a backend hands them to <see cref="INeuronGroup.StepMany"/>:
/// summed currents, the external part, per-port inputs (neuron-major, <see cref="PortCount"/> per neuron,
/// empty unless the model uses ports), the step (for random streams) and neuromodulator levels.
/// </summary>
public readonly ref struct NeuronBatch
{
    /// <summary>A batch of summed currents only (no ports, no modulators) at step <paramref name="step"/>.</summary>
    public NeuronBatch(ReadOnlySpan<float> currents, long step = 0)
    {
        Currents = currents;
        Step = step;
    }

    /// <summary>A batch with every part given.</summary>
    public NeuronBatch(ReadOnlySpan<float> currents, ReadOnlySpan<float> external, ReadOnlySpan<PortInput> ports, int portCount, long step, ReadOnlySpan<float> neuromodulators)
    {
        Currents = currents;
        External = external;
        Ports = ports;
        PortCount = portCount;
        Step = step;
        Neuromodulators = neuromodulators;
    }

    /// <summary>Summed input current per neuron (nA).</summary>
    public ReadOnlySpan<float> Currents { get; }

    /// <summary>The external part of each neuron's current (DC + injected), or empty when zero for all.</summary>
    public ReadOnlySpan<float> External { get; }

    /// <summary>Per-port inputs, <see cref="PortCount"/> per neuron, or empty.</summary>
    public ReadOnlySpan<PortInput> Ports { get; }

    /// <summary>Ports per neuron in <see cref="Ports"/>.</summary>
    public int PortCount { get; }

    /// <summary>The step being computed.</summary>
    public long Step { get; }

    /// <summary>Levels of the model's declared neuromodulators.</summary>
    public ReadOnlySpan<float> Neuromodulators { get; }
}
