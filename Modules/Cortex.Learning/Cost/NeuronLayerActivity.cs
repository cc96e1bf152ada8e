namespace Cortex.Learning.Cost;

/// <summary>The spikes of one neuron layer over the measured samples.</summary>
/// <param name="Name">The module's name in the network.</param>
/// <param name="Spikes">Spikes emitted (non-zero outputs).</param>
/// <param name="Activations">Outputs in all (neurons × steps × samples).</param>
public sealed record NeuronLayerActivity(string Name, double Spikes, double Activations)
{
    /// <summary>Spikes per neuron per time step.</summary>
    public double SpikeRate => Activations == 0 ? 0 : Spikes / Activations;
}
