using System.Numerics;

namespace Cortex.Viewer.Rendering;

/// <summary>One line of the legend: a colour swatch and a name.</summary>
internal readonly record struct LegendEntry(string Name, Vector3 Colour);
