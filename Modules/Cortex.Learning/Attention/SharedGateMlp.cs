using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// The squeeze-and-excitation gate of CBAM-style attention: σ(MLP(avg) + MLP(max)), one MLP
/// n → hidden → n (ReLU between, no biases) shared by the average- and the max-pooled descriptor, so the gate
/// sees both the typical and the strongest response along the squeezed dimensions.
/// </summary>
public sealed class SharedGateMlp : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces submodules through them.
    private readonly Linear squeeze;
    private readonly Linear excite;

    /// <summary>Creates the gate for descriptors of <paramref name="size"/> values with a <paramref name="hidden"/>-wide bottleneck.</summary>
    public SharedGateMlp(long size, long hidden) : base("gate")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        squeeze = nn.Linear(size, hidden, hasBias: false);
        excite = nn.Linear(hidden, size, hasBias: false);
        register_module("squeeze", squeeze);
        register_module("excite", excite);
    }

    /// <summary>The first weight matrix [hidden, size].</summary>
    public Parameter SqueezeWeight => squeeze.weight!;

    /// <summary>The second weight matrix [size, hidden].</summary>
    public Parameter ExciteWeight => excite.weight!;

    /// <summary>The gate in (0, 1) for the pooled descriptors <paramref name="average"/> and <paramref name="maximum"/>, both [N, size].</summary>
    public override Tensor forward(Tensor average, Tensor maximum)
    {
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(maximum);
        using var scope = NewDisposeScope();
        var sum = excite.call(nn.functional.relu(squeeze.call(average))) + excite.call(nn.functional.relu(squeeze.call(maximum)));
        return sum.sigmoid().MoveToOuterDisposeScope();
    }

    /// <summary>The bottleneck width for a descriptor of <paramref name="size"/> values and reduction ratio <paramref name="reduction"/>: ⌊size / r⌋, at least 1.</summary>
    public static long Hidden(long size, int reduction) => Math.Max(1, size / reduction);
}
