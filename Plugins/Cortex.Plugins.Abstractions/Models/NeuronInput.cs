namespace Cortex.Models;

/// <summary>
/// Everything a neuron sees during one step. <see cref="Current"/> is the summed input (nA): DC and
/// injected current plus every receptor port's contribution, which is all most models need. Models that
/// treat ports differently (dendrites, NMDA on a compartment, implicit conductances) read
/// <see cref="Ports"/>, filled only for models whose <see cref="NeuronModel.UsesPortInputs"/> is true.
/// </summary>
public readonly ref struct NeuronInput
{
    /// <summary>An input with the given summed current and nothing else.</summary>
    public NeuronInput(float current) => Current = current;

    /// <summary>An input with every part given.</summary>
    public NeuronInput(float current, float external, ReadOnlySpan<PortInput> ports, NeuronRandom random, ReadOnlySpan<float> neuromodulators)
    {
        Current = current;
        External = external;
        Ports = ports;
        Random = random;
        Neuromodulators = neuromodulators;
    }

    /// <summary>Total input current (nA) held constant over the step: <see cref="External"/> + Σ port currents.</summary>
    public float Current { get; }

    /// <summary>The part of <see cref="Current"/> that is not from receptors: DC stimuli and injected current (nA).</summary>
    public float External { get; }

    /// <summary>Per receptor port of the population, in the order of the model's prepared port list; empty unless the model asked for ports.</summary>
    public ReadOnlySpan<PortInput> Ports { get; }

    /// <summary>This neuron's counter-based random stream for this step.</summary>
    public NeuronRandom Random { get; }

    /// <summary>Levels of the neuromodulators the model declared in <see cref="NeuronModel.Neuromodulators"/>, in that order.</summary>
    public ReadOnlySpan<float> Neuromodulators { get; }
}
