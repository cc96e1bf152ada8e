namespace Cortex.Models;

/// <summary>
/// A population's neuron state as a backend sees it without knowing the model's types: the
/// reference backend drives neurons through this interface one at a time.
/// </summary>
public interface INeuronGroup
{
    /// <summary>Number of neurons.</summary>
    int Count { get; }

    /// <summary>Advances neuron <paramref name="neuron"/> one step with a constant input current (nA); true when it spiked.</summary>
    bool Step(int neuron, float current);

    /// <summary>
    /// Advances neurons <paramref name="first"/> .. first + currents.Length − 1 one step (a loop the JIT
    /// specialises for the model), writing the indices of those that spiked into <paramref name="spiked"/>; returns how many.
    /// </summary>
    int StepMany(int first, ReadOnlySpan<float> currents, Span<int> spiked);

    /// <summary>Membrane potential of a neuron (mV).</summary>
    float Voltage(int neuron);

    /// <summary>Applies a delta-synapse voltage jump (mV).</summary>
    void AddVoltage(int neuron, float jump);

    /// <summary>Reads a state variable (index into the model's <see cref="NeuronModel.StateVariables"/>).</summary>
    float Get(int variable, int neuron);

    /// <summary>Writes a state variable.</summary>
    void Set(int variable, int neuron, float value);
}
