using Cortex.Learning.Encoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class PoissonEncoderTests
{
    [TorchFact]
    public void Mean_rate_matches_probability_within_a_binomial_bound()
    {
        var encoder = new PoissonEncoder(gain: 0.8);
        using var batch = tensor(new float[] { 0f, 0.1f, 0.5f, 1f }).view(1, 4).expand(1000, 4).contiguous();
        using var generator = new Generator(42);
        using var spikes = encoder.Encode(batch, 50, generator);
        Assert.Equal([50L, 1000, 4], spikes.shape);
        const double draws = 50 * 1000;
        var means = spikes.mean([0, 1]).data<float>().ToArray();
        double[] expected = [0, 0.08, 0.4, 0.8];
        for (var i = 0; i < 4; i++)
        {
            // 5 standard deviations of a binomial proportion: fails by chance with probability ~6e-7.
            var bound = 5 * Math.Sqrt(expected[i] * (1 - expected[i]) / draws);
            Assert.InRange(means[i], expected[i] - bound - 1e-9, expected[i] + bound + 1e-9);
        }
        Assert.Equal(0f, spikes.select(2, 0).sum().item<float>());
        Assert.True(spikes.eq(0).logical_or(spikes.eq(1)).all().item<bool>());
    }

    [TorchFact]
    public void Same_generator_seed_gives_identical_spikes()
    {
        var encoder = new PoissonEncoder();
        using var batch = rand(8, 1, 5, 5);
        using var a = encoder.Encode(batch, 20, new Generator(7));
        using var b = encoder.Encode(batch, 20, new Generator(7));
        using var c = encoder.Encode(batch, 20, new Generator(8));
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [TorchFact]
    public void Gain_above_one_saturates_at_one_spike_per_step()
    {
        using var batch = full(2, 3, 0.6f);
        using var spikes = new PoissonEncoder(gain: 2).Encode(batch, 10, new Generator(1));
        Assert.Equal(60f, spikes.sum().item<float>());
    }
}
