using Cortex.Learning.Encoding;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class PhaseEncoderTests
{
    [TorchFact]
    public void Weighted_sum_over_one_period_reconstructs_the_value_within_one_256th()
    {
        var encoder = new PhaseEncoder();
        var values = Enumerable.Range(0, 257).Select(i => i / 256f).Concat([0.3f, 0.7071f, 0.999f]).ToArray();
        using var batch = tensor(values).view(values.Length, 1);
        using var spikes = encoder.Encode(batch, 8, null);
        using var weights = encoder.Weights(8);
        using var decoded = (spikes * weights.view(8, 1, 1)).sum(dim: 0).reshape(-1);
        var result = decoded.data<float>().ToArray();
        for (var i = 0; i < values.Length; i++)
            Assert.InRange(values[i] - result[i], 0, 1 / 256.0 + 1e-6);
    }

    [TorchFact]
    public void Bits_are_sent_most_significant_first_with_weights_two_to_minus_one_plus_k()
    {
        // 0.7 → floor(0.7·256) = 179 = 0b10110011.
        using var spikes = new PhaseEncoder().Encode(tensor(new[] { 0.7f }).view(1, 1), 16, null);
        Assert.Equal([1f, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1], spikes.reshape(-1).data<float>().ToArray());
        using var weights = new PhaseEncoder().Weights(9);
        Assert.Equal([0.5f, 0.25f, 0.125f, 0.0625f, 0.03125f, 0.015625f, 0.0078125f, 0.00390625f, 0.5f], weights.data<float>().ToArray());
    }

    [Fact]
    public void Bits_out_of_range_are_rejected() =>
        Assert.Contains("bits must be between 1 and 16, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new PhaseEncoder(0)).Message, StringComparison.Ordinal);
}
