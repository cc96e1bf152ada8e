namespace Cortex.Nir.Nodes;

/// <summary>
/// One NIR primitive (or a nested graph). <see cref="TypeName"/> is the string NIR files store in the
/// node's <c>type</c> dataset, so reader, writer and error messages share one spelling.
/// </summary>
public abstract record NirNode
{
    /// <summary>The NIR type name, e.g. "LIF" or "Affine".</summary>
    public abstract string TypeName { get; }
}

/// <summary>A node made of spiking (or integrating) neurons, one per element of its parameter arrays.</summary>
public interface INirNeuronNode
{
    /// <summary>Shape of the neuron array (the shape of every per-neuron parameter).</summary>
    int[] NeuronShape { get; }
}
