namespace Cortex.Recording;

/// <summary>
/// Positions for populations that have none: each population a flat disc (a sunflower spiral with a constant
/// neuron density, slightly thickened by seeded jitter), the discs on a square grid in population order.
/// Deterministic: the same sizes and seed give the same positions.
/// </summary>
public static class DefaultLayout
{
    /// <summary>Mean distance between neighbouring neurons in a disc, µm.</summary>
    public const float SpacingUm = 20f;

    /// <summary>The disc of population <paramref name="slot"/> (its place on the grid) out of <paramref name="slots"/>.</summary>
    /// <param name="size">Neurons in the population.</param>
    /// <param name="slot">Grid cell (population order among those placed by default).</param>
    /// <param name="slots">How many populations share the grid.</param>
    /// <param name="cellUm">Width of a grid cell, µm (at least the widest disc's diameter plus a gap).</param>
    /// <param name="seed">Seed of the thickness jitter.</param>
    /// <returns>x, y, z triples in µm.</returns>
    public static float[] Disc(int size, int slot, int slots, float cellUm, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(slots)));
        var rows = (slots + columns - 1) / columns;
        var cx = (slot % columns - (columns - 1) / 2f) * cellUm;
        var cy = ((rows - 1) / 2f - slot / columns) * cellUm;
        var radius = DiscRadius(size);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32)) * 31 + slot));
        var golden = Math.PI * (3 - Math.Sqrt(5));
        var positions = new float[3 * size];
        for (var i = 0; i < size; i++)
        {
            var r = radius * Math.Sqrt((i + 0.5) / size);
            var theta = i * golden;
            positions[3 * i] = (float)(cx + r * Math.Cos(theta));
            positions[3 * i + 1] = (float)(cy + r * Math.Sin(theta));
            positions[3 * i + 2] = (float)((random.NextDouble() - 0.5) * SpacingUm);
        }
        return positions;
    }

    /// <summary>Radius of a disc of <paramref name="size"/> neurons at <see cref="SpacingUm"/>, µm.</summary>
    public static float DiscRadius(int size) => (float)(SpacingUm * Math.Sqrt(Math.Max(size, 1) / Math.PI));
}
