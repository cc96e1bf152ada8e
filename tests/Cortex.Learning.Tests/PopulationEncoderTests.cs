using Cortex.Learning.Encoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class PopulationEncoderTests
{
    [TorchFact]
    public void Neuron_with_the_nearest_centre_has_the_highest_rate()
    {
        var encoder = new PopulationEncoder(neurons: 5);
        float[] values = [0f, 0.1f, 0.3f, 0.55f, 0.9f, 1f];
        using var rates = encoder.Rates(tensor(values).view(values.Length, 1));
        Assert.Equal([(long)values.Length, 5], rates.shape);
        for (var i = 0; i < values.Length; i++)
        {
            var nearest = (int)Math.Round(values[i] * 4);
            Assert.Equal(nearest, (int)rates[i].argmax().item<long>());
            var expected = Math.Exp(-Math.Pow(values[i] - nearest / 4.0, 2) / (2 * 0.25 * 0.25));
            Assert.Equal(expected, rates[i, nearest].item<float>(), 5);
        }
    }

    /// <summary>
    /// Bernoulli spikes are the generator's CPU uniform draw of [T, batch…·n] thresholded at the rates, exactly as before
    /// stochastic encoders drew through EncoderNoise (for the GPU), and the encoder takes one draw of that size.
    /// </summary>
    [TorchFact]
    public void Seeded_spikes_on_the_cpu_device_are_the_generators_uniform_draw_thresholded()
    {
        var encoder = new PopulationEncoder(neurons: 4);
        using var batch = linspace(0, 1, 12, ScalarType.Float32).view(4, 3);
        using var generator = new Generator(11);
        using var spikes = encoder.Encode(batch, 10, generator);

        using var rates = encoder.Rates(batch);
        using var reference = new Generator(11);
        using var uniform = rand([10, 4, 12], ScalarType.Float32, CPU, generator: reference);
        using var expected = uniform.lt(rates.unsqueeze(0)).to_type(ScalarType.Float32);
        Assert.Equal(DeviceType.CPU, spikes.device_type);
        Assert.Equal([10L, 4, 12], spikes.shape);
        Assert.Equal(expected.data<float>().ToArray(), spikes.data<float>().ToArray());
        Assert.InRange(spikes.sum().item<float>(), 1, spikes.numel() - 1);

        using var nextFromEncoder = rand([16], ScalarType.Float32, CPU, generator: generator);
        using var nextFromReference = rand([16], ScalarType.Float32, CPU, generator: reference);
        Assert.Equal(nextFromReference.data<float>().ToArray(), nextFromEncoder.data<float>().ToArray());
    }

    [TorchFact]
    public void Output_shape_multiplies_the_first_sample_dimension_by_n()
    {
        var encoder = new PopulationEncoder(neurons: 4);
        Assert.Equal([8L, 5, 5], encoder.OutputShape([2, 5, 5]));
        using var batch = rand(3, 2, 5, 5);
        using var spikes = encoder.Encode(batch, 6, new Generator(1));
        Assert.Equal([6L, 3, 8, 5, 5], spikes.shape);
        // Channel c·n + j is neuron j of input channel c.
        using var rates = encoder.Rates(batch);
        var x = batch[1, 1, 2, 3].item<float>();
        Assert.Equal(Math.Exp(-Math.Pow(x - 2 / 3.0, 2) / (2.0 / 9 * 1)), rates[1, 1 * 4 + 2, 2, 3].item<float>(), 5);
    }

    [TorchFact]
    public void Spike_rates_follow_the_receptive_fields_and_rates_mode_repeats_them()
    {
        var encoder = new PopulationEncoder(neurons: 3, output: PopulationOutput.Spikes);
        using var batch = full(2000, 1, 0.5f);
        using var spikes = encoder.Encode(batch, 10, new Generator(3));
        var mean = spikes.mean([0, 1]).data<float>().ToArray();
        var edge = Math.Exp(-0.25 / (2 * 0.25)); // centre 0 or 1 at distance 0.5, σ = 0.5
        Assert.InRange(mean[1], 0.99, 1.0);
        Assert.InRange(mean[0], edge - 0.02, edge + 0.02);
        using var rates = new PopulationEncoder(3, output: PopulationOutput.Rates).Encode(batch, 4, null);
        Assert.Equal((float)edge, rates[3, 7, 2].item<float>(), 5);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Contains("neurons must be >= 2", Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationEncoder(1)).Message, StringComparison.Ordinal);
        Assert.Contains("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationEncoder(4, sigma: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationEncoder(4, gain: 1.5)).Message, StringComparison.Ordinal);
    }
}
