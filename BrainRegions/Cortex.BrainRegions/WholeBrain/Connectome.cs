using Cortex.Spec;

namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// A region-level structural connectome: per region a label and a centre, per ordered region pair a weight and a
/// tract length. Matrices follow The Virtual Brain's orientation, <c>[target, source]</c>: <see cref="Weight"/>(i, j)
/// is the connection from region j into region i.
/// </summary>
public sealed class Connectome
{
    private readonly double[] _weights;
    private readonly double[] _lengths;

    /// <summary>Creates a connectome; the arrays are taken over, not copied.</summary>
    /// <param name="name">A name for reports (the folder name for loaded sets).</param>
    /// <param name="labels">One label per region (labels may repeat; the index is the identifier).</param>
    /// <param name="weights">N·N weights, row-major <c>[target, source]</c>, finite and ≥ 0.</param>
    /// <param name="tractLengthsMm">N·N tract lengths in mm, row-major <c>[target, source]</c>, finite and ≥ 0.</param>
    /// <param name="centresMm">Region centres in mm.</param>
    /// <param name="areasMm2">Optional region areas in mm².</param>
    /// <param name="cortical">Optional cortical flags.</param>
    public Connectome(string name, IReadOnlyList<string> labels, double[] weights, double[] tractLengthsMm, IReadOnlyList<Point3> centresMm,
        IReadOnlyList<double>? areasMm2 = null, IReadOnlyList<bool>? cortical = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(tractLengthsMm);
        ArgumentNullException.ThrowIfNull(centresMm);
        var n = labels.Count;
        if (n == 0) throw new ArgumentException("a connectome needs at least one region", nameof(labels));
        if (weights.Length != n * n) throw new ArgumentException($"weights must hold {n}×{n} values, got {weights.Length}", nameof(weights));
        if (tractLengthsMm.Length != n * n) throw new ArgumentException($"tract lengths must hold {n}×{n} values, got {tractLengthsMm.Length}", nameof(tractLengthsMm));
        if (centresMm.Count != n) throw new ArgumentException($"centres must hold {n} points, got {centresMm.Count}", nameof(centresMm));
        if (areasMm2 is not null && areasMm2.Count != n) throw new ArgumentException($"areas must hold {n} values, got {areasMm2.Count}", nameof(areasMm2));
        if (cortical is not null && cortical.Count != n) throw new ArgumentException($"cortical flags must hold {n} values, got {cortical.Count}", nameof(cortical));
        if (weights.Any(w => !double.IsFinite(w) || w < 0)) throw new ArgumentException("weights must be finite and >= 0", nameof(weights));
        if (tractLengthsMm.Any(l => !double.IsFinite(l) || l < 0)) throw new ArgumentException("tract lengths must be finite and >= 0", nameof(tractLengthsMm));
        Name = name;
        Labels = labels;
        _weights = weights;
        _lengths = tractLengthsMm;
        CentresMm = centresMm;
        AreasMm2 = areasMm2;
        Cortical = cortical;
    }

    /// <summary>A name for reports.</summary>
    public string Name { get; }

    /// <summary>Number of regions.</summary>
    public int Count => Labels.Count;

    /// <summary>Region labels in matrix order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Region centres in mm.</summary>
    public IReadOnlyList<Point3> CentresMm { get; }

    /// <summary>Region areas in mm², when the set has them.</summary>
    public IReadOnlyList<double>? AreasMm2 { get; }

    /// <summary>Cortical flags, when the set has them.</summary>
    public IReadOnlyList<bool>? Cortical { get; }

    /// <summary>Weight of the connection from region <paramref name="source"/> into region <paramref name="target"/>.</summary>
    public double Weight(int target, int source) => _weights[(target * Count) + source];

    /// <summary>Tract length in mm from region <paramref name="source"/> to region <paramref name="target"/>.</summary>
    public double TractLengthMm(int target, int source) => _lengths[(target * Count) + source];

    /// <summary>The largest off-diagonal weight (self-connections are not used by the whole-brain model); 0 for an unconnected set.</summary>
    public double MaxOffDiagonalWeight()
    {
        var max = 0.0;
        for (var i = 0; i < Count; i++)
            for (var j = 0; j < Count; j++)
                if (i != j) max = Math.Max(max, Weight(i, j));
        return max;
    }

    /// <summary>Number of non-zero off-diagonal weights (directed edges).</summary>
    public int EdgeCount()
    {
        var edges = 0;
        for (var i = 0; i < Count; i++)
            for (var j = 0; j < Count; j++)
                if (i != j && Weight(i, j) > 0) edges++;
        return edges;
    }
}
