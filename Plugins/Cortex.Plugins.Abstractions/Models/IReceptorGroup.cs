namespace Cortex.Models;

/// <summary>One receptor port's state for every neuron of a population, as a backend drives it without knowing its types.</summary>
public interface IReceptorGroup
{
    /// <summary>Number of neurons.</summary>
    int Count { get; }

    /// <summary>Takes the weights arriving at <paramref name="neuron"/> this step.</summary>
    void Receive(int neuron, float weight);

    /// <summary>The input of neuron <paramref name="neuron"/>'s receptor at membrane potential <paramref name="voltage"/>.</summary>
    PortInput Input(int neuron, float voltage);

    /// <summary>Advances neurons first .. first + count − 1 by one step.</summary>
    void Advance(int first, int count);

    /// <summary>
    /// For neurons first .. first + currents.Length − 1: adds each receptor's current to <paramref name="currents"/>, stores
    /// its input in <paramref name="ports"/> (every <paramref name="stride"/>-th entry, empty to skip) and advances it one step.
    /// </summary>
    void Drive(int first, ReadOnlySpan<float> voltages, Span<float> currents, Span<PortInput> ports, int stride);

    /// <summary>Reads a state variable.</summary>
    float Get(int variable, int neuron);

    /// <summary>Writes a state variable.</summary>
    void Set(int variable, int neuron, float value);

    /// <summary>Writes the whole state for a session snapshot.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);
}
