using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A membrane-shortcut residual block in the MS-ResNet style (Hu et al., "Advancing Spiking Neural Networks
/// towards Deep Residual Learning"): out = F(x) + shortcut(x). The block's input and output are real-valued
/// currents (membrane-level), not spikes: the residual branch F starts with a spiking neuron layer
/// (e.g. lif → conv2d → tdbn → lif → conv2d → tdbn), so the addition sums real currents and the identity path
/// carries them unchanged through depth — avoiding the non-identity of spike-level additions (SEW) and of
/// spiking the sum (the original ResNet order). The shortcut is the identity, or a projection (1×1 convolution
/// or linear map, then tdBN) when F changes the shape.
/// </summary>
public sealed class SpikingResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>[] _branch;
    private readonly nn.Module<Tensor, Tensor>? _shortcut;

    /// <summary>Creates the block from the branch layers in order and a projection shortcut (null for identity).</summary>
    public SpikingResidualBlock(IReadOnlyList<nn.Module<Tensor, Tensor>> branch, nn.Module<Tensor, Tensor>? shortcut) : base("residual")
    {
        ArgumentNullException.ThrowIfNull(branch);
        if (branch.Count == 0) throw new ArgumentException("the residual branch needs at least one layer", nameof(branch));
        _branch = [.. branch];
        _shortcut = shortcut;
        for (var i = 0; i < _branch.Length; i++) register_module($"branch_{i}", _branch[i]);
        if (_shortcut is not null) register_module("shortcut", _shortcut);
    }

    /// <summary>The residual branch F, in order.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Branch => _branch;

    /// <summary>The projection shortcut, or null for the identity.</summary>
    public nn.Module<Tensor, Tensor>? Shortcut => _shortcut;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var branch = input;
        foreach (var layer in _branch) branch = layer.call(branch);
        var shortcut = _shortcut is null ? input : _shortcut.call(input);
        if (!branch.shape.SequenceEqual(shortcut.shape))
            throw new InvalidOperationException(
                $"residual: the branch gives [{string.Join(", ", branch.shape)}] but the shortcut [{string.Join(", ", shortcut.shape)}]");
        return (branch + shortcut).MoveToOuterDisposeScope();
    }
}
