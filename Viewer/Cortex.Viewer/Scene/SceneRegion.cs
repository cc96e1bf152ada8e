using System.Numerics;

namespace Cortex.Viewer.Scene;

/// <summary>A brain region: a glyph and a label at the centre of its neurons.</summary>
/// <param name="Name">Region name (e.g. a connectome label).</param>
/// <param name="Centre">Mean position of its neurons, µm.</param>
/// <param name="Colour">Linear RGB in [0, 1], used when colouring by region.</param>
public sealed record SceneRegion(string Name, Vector3 Centre, Vector3 Colour);
