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

    /// <summary>
    /// The spikes are the generator's CPU uniform draw of [T, batch…] thresholded at the probabilities, exactly as before
    /// stochastic encoders drew through EncoderNoise (for the GPU): a CPU run's draws, and the generator's state after
    /// them, did not change.
    /// </summary>
    [TorchFact]
    public void Seeded_spikes_on_the_cpu_device_are_the_generators_uniform_draw_thresholded()
    {
        var encoder = new PoissonEncoder(gain: 0.9);
        using var batch = linspace(0, 1, 40, ScalarType.Float32).view(8, 5);
        using var generator = new Generator(7);
        using var spikes = encoder.Encode(batch, 20, generator);

        using var reference = new Generator(7);
        using var uniform = rand([20, 8, 5], ScalarType.Float32, CPU, generator: reference);
        using var expected = uniform.lt((batch * 0.9).clamp(0, 1).unsqueeze(0)).to_type(ScalarType.Float32);
        Assert.Equal(DeviceType.CPU, spikes.device_type);
        Assert.Equal(expected.shape, spikes.shape);
        Assert.Equal(expected.data<float>().ToArray(), spikes.data<float>().ToArray());
        Assert.InRange(spikes.sum().item<float>(), 1, spikes.numel() - 1);   // neither all silent nor all firing

        // The encoder took exactly one draw of that size: both generators go on alike.
        using var nextFromEncoder = rand([16], ScalarType.Float32, CPU, generator: generator);
        using var nextFromReference = rand([16], ScalarType.Float32, CPU, generator: reference);
        Assert.Equal(nextFromReference.data<float>().ToArray(), nextFromEncoder.data<float>().ToArray());
    }

    [TorchFact]
    public void Gain_above_one_saturates_at_one_spike_per_step()
    {
        using var batch = full(2, 3, 0.6f);
        using var spikes = new PoissonEncoder(gain: 2).Encode(batch, 10, new Generator(1));
        Assert.Equal(60f, spikes.sum().item<float>());
    }
}
