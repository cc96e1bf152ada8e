using Cortex.Learning.Encoding;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class DirectEncoderTests
{
    [TorchFact]
    public void Repeats_the_input_exactly_at_every_step()
    {
        using var batch = rand(4, 1, 3, 3);
        using var encoded = new DirectEncoder().Encode(batch, 5, null);
        Assert.Equal([5L, 4, 1, 3, 3], encoded.shape);
        for (var t = 0; t < 5; t++) Assert.True(encoded[t].eq(batch).all().item<bool>());
        encoded[0].zero_();
        Assert.True(encoded[1].eq(batch).all().item<bool>()); // steps are copies, not views of one another
    }

    [TorchFact]
    public void Steps_below_one_and_inputs_outside_unit_range_are_rejected()
    {
        using var batch = rand(2, 3);
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => new DirectEncoder().Encode(batch, 0, null));
        Assert.Contains("encoder 'direct': steps must be >= 1, got 0", steps.Message, StringComparison.Ordinal);
        using var unscaled = batch * 255;
        var range = Assert.Throws<ArgumentException>(() => new PoissonEncoder().Encode(unscaled, 3, null));
        Assert.Contains("encoder 'poisson': input must be scaled to [0, 1]", range.Message, StringComparison.Ordinal);
    }
}
