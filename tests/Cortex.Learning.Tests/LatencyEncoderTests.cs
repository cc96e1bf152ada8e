using Cortex.Learning.Encoding;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class LatencyEncoderTests
{
    [TorchFact]
    public void Linear_spike_time_is_round_of_one_minus_x_times_T_minus_one_with_exactly_one_spike()
    {
        float[] values = [1f, 0.9f, 0.5f, 0.25f, 0.02f];
        const int steps = 11;
        using var batch = tensor(values).view(1, values.Length);
        using var spikes = new LatencyEncoder().Encode(batch, steps, null);
        Assert.Equal([(long)steps, 1, values.Length], spikes.shape);
        for (var i = 0; i < values.Length; i++)
        {
            var train = spikes[.., 0, i].data<float>().ToArray();
            Assert.Equal(1f, train.Sum());
            Assert.Equal((int)Math.Round((1 - values[i]) * (steps - 1), MidpointRounding.ToEven), Array.IndexOf(train, 1f));
        }
    }

    [TorchFact]
    public void Inputs_below_threshold_never_spike()
    {
        using var batch = tensor(new[] { 0f, 0.05f, 0.1f }).view(1, 3);
        using var spikes = new LatencyEncoder(threshold: 0.1).Encode(batch, 8, null);
        Assert.Equal([0f, 0f, 1f], spikes.sum(dim: 0).reshape(-1).data<float>().ToArray());
    }

    [TorchFact]
    public void Logarithmic_time_is_the_rc_charging_time_to_threshold()
    {
        // An RC membrane driven by constant x reaches threshold θ at t = τ ln(x / (x − θ)).
        const double tau = 5, theta = 0.2;
        float[] values = [1f, 0.5f, 0.3f, 0.21f, 0.201f]; // the last needs t ≈ 26.5 > T − 1: silent
        using var batch = tensor(values).view(1, values.Length);
        using var spikes = new LatencyEncoder(LatencyMode.Logarithmic, theta, tau).Encode(batch, 20, null);
        for (var i = 0; i < values.Length; i++)
        {
            var train = spikes[.., 0, i].data<float>().ToArray();
            var expected = Math.Round(tau * Math.Log(values[i] / (values[i] - theta)));
            if (expected > 19) Assert.Equal(0f, train.Sum());
            else Assert.Equal((int)expected, Array.IndexOf(train, 1f));
        }
    }

    [Fact]
    public void Invalid_options_are_rejected_with_their_name()
    {
        Assert.Contains("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyEncoder(threshold: 1)).Message, StringComparison.Ordinal);
        Assert.Contains("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyEncoder(tau: 0)).Message, StringComparison.Ordinal);
    }
}
