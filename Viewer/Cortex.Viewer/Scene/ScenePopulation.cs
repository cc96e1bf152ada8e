using System.Numerics;
using Cortex.Recording;

namespace Cortex.Viewer.Scene;

/// <summary>A population as drawn: its slice of the scene's neurons, its colour and where its positions came from.</summary>
/// <param name="Name">Population name, as in <c>spikes.parquet</c>.</param>
/// <param name="Offset">Index of its first neuron in the scene.</param>
/// <param name="Count">Number of neurons.</param>
/// <param name="Colour">Linear RGB in [0, 1].</param>
/// <param name="Source">Where its positions came from.</param>
public sealed record ScenePopulation(string Name, int Offset, int Count, Vector3 Colour, PositionSource Source);
