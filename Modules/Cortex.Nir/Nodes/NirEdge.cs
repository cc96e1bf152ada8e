namespace Cortex.Nir.Nodes;

/// <summary>A directed identity connection: the output of node <see cref="Source"/> feeds node <see cref="Target"/>.</summary>
public sealed record NirEdge(string Source, string Target)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source} -> {Target}";
}
