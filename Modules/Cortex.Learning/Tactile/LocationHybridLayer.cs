using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tactile;

/// <summary>
/// Kang et al.'s hybrid of timing and location spiking neurons: a timing branch (ordinary layers whose neurons step
/// through time, [T, B, …] → [T, B, classes]) and a <see cref="LocationSpikingPathway"/>, mixed as
/// (1 − α)·timing + α·location at every step (α = <c>location_weight</c>; α = 0 is the timing branch alone).
/// </summary>
public sealed class LocationHybridLayer : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>[] _timing;
    // Named as registered: TorchSharp also registers Module-typed fields by their names, so another name would count it twice.
    private readonly LocationSpikingPathway location;

    /// <summary>Combines the timing branch's layers (in order) with the location branch.</summary>
    public LocationHybridLayer(IReadOnlyList<nn.Module<Tensor, Tensor>> timing, LocationSpikingPathway location, double locationWeight) : base("location_hybrid")
    {
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(location);
        if (timing.Count == 0) throw new ArgumentException("the timing branch needs at least one layer", nameof(timing));
        if (!(locationWeight >= 0 && locationWeight <= 1)) throw new ArgumentOutOfRangeException(nameof(locationWeight), locationWeight, "location weight must be in [0, 1]");
        _timing = [.. timing];
        this.location = location;
        LocationWeight = locationWeight;
        for (var i = 0; i < _timing.Length; i++) register_module($"timing_{i}", _timing[i]);
        register_module("location", this.location);
    }

    /// <summary>α: the location branch's share of the output.</summary>
    public double LocationWeight { get; }

    /// <summary>The timing branch's layers.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Timing => _timing;

    /// <summary>The location branch.</summary>
    public LocationSpikingPathway Location => location;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var timing = input;
        foreach (var layer in _timing) timing = layer.call(timing);
        var scores = location.call(input).unsqueeze(0);
        return (((1 - LocationWeight) * timing) + (LocationWeight * scores)).MoveToOuterDisposeScope();
    }
}
