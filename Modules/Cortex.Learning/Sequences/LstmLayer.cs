using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Sequences;

/// <summary>
/// A non-spiking LSTM layer (TorchSharp's <c>nn.LSTM</c>, one layer, zero initial state): [T, B, in] →
/// hidden states [T, B, hidden]. The baseline the spiking recurrent layers are measured against; its
/// parameter count is 4·hidden·(in + hidden) weights plus 8·hidden biases (PyTorch keeps b_ih and b_hh).
/// </summary>
public sealed class LstmLayer : nn.Module<Tensor, Tensor>
{
    private readonly LSTM lstm;

    /// <summary>Creates the layer; weights uniform in ±1/√hidden as PyTorch initialises them.</summary>
    public LstmLayer(long inFeatures, long hidden, bool hasBias = true) : base("lstm")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        InFeatures = inFeatures;
        Hidden = hidden;
        lstm = nn.LSTM(inFeatures, hidden, bias: hasBias);
        register_module("lstm", lstm);
    }

    /// <summary>Number of input features.</summary>
    public long InFeatures { get; }

    /// <summary>Number of hidden units.</summary>
    public long Hidden { get; }

    /// <summary>The number of trained values 4·h·(in + h) (+ 8·h with bias), as PyTorch counts them.</summary>
    public static long ParameterCount(long inFeatures, long hidden, bool hasBias = true) =>
        4 * hidden * (inFeatures + hidden) + (hasBias ? 8 * hidden : 0);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != InFeatures)
            throw new ArgumentException($"lstm: expected input [T, batch, {InFeatures}], got [{string.Join(", ", input.shape)}]", nameof(input));
        var (output, hidden, cell) = lstm.call(input, null);
        hidden.Dispose();
        cell.Dispose();
        return output;
    }
}
