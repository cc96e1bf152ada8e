namespace Cortex.Nir.Engine;

/// <summary>
/// One NIR neuron node as engine populations: neurons with equal parameters share a population, so a
/// node with per-neuron parameters may span several; neuron i of the node is
/// <c>Populations[PopulationOf[i]]</c>, index <c>IndexInPopulation[i]</c>.
/// </summary>
public sealed record ConvertedLayer(
    string NodeName,
    string NeuronModel,
    int Size,
    IReadOnlyList<string> Populations,
    int[] PopulationOf,
    int[] IndexInPopulation)
{
    /// <summary>Position of the layer in the chain (1 = fed by the input Affine); it runs <c>Depth − 1</c> steps late.</summary>
    public required int Depth { get; init; }
}
