using Cortex.Learning.EventProp;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>
/// The event-driven forward pass against a clock-driven simulation written here (exact exponential steps of
/// 1e-4 ms, crossings interpolated within the step): the same spikes, at the same times to within a few steps (the
/// reference resets at the end of the step that crossed, so a neuron's later spikes drift by up to a step per reset).
/// </summary>
public sealed class EventLayerForwardTests
{
    private static List<(double Time, int Neuron)> ClockDriven(EventLayer layer, SpikeList input, double duration)
    {
        const double dt = 1e-4;
        var n = layer.Neuron;
        var result = new List<(double, int)>();
        var decayMem = Math.Exp(-dt / n.TauMem);
        var decaySyn = Math.Exp(-dt / n.TauSyn);
        // Exact propagator of the linear pair over one step: V' = V·e^{−dt/τm} + I·κ, I' = I·e^{−dt/τs}.
        var kappa = n.TauSyn / (n.TauSyn - n.TauMem) * (decaySyn - decayMem);
        for (var neuron = 0; neuron < layer.Outputs; neuron++)
        {
            double v = 0, i = 0;
            var next = 0;
            var steps = (int)Math.Round(duration / dt);
            for (var step = 0; step < steps; step++)
            {
                var t = step * dt;
                while (next < input.Count && input.Times[next] < t + (dt / 2))
                {
                    i += layer.Weights[(neuron * layer.Inputs) + input.Sources[next]];
                    next++;
                }
                var vNext = (v * decayMem) + (i * kappa);
                var iNext = i * decaySyn;
                if (v < n.Threshold && vNext >= n.Threshold)
                {
                    result.Add((t + (dt * (n.Threshold - v) / (vNext - v)), neuron));
                    vNext = 0;
                }
                (v, i) = (vNext, iNext);
            }
        }
        return [.. result.OrderBy(s => s.Item1)];
    }

    [Fact]
    public void SpikeTimes_MatchAClockDrivenSimulation_IncludingRepeatedSpikes()
    {
        var network = EventPropFixtures.Tiny();
        // Inputs on the 1e-4 ms grid, so the clock-driven run delivers them at the exact times.
        var input = new SpikeList(6);
        foreach (var (time, source) in new[] { (0.5, 0), (1.2, 4), (2.0, 2), (3.3, 5), (6.9, 1), (7.7, 0) }) input.Add(time, source);
        foreach (var layer in network.Layers.Take(1))
        {
            var exact = layer.Forward(input, 40);
            var clock = ClockDriven(layer, input, 40);
            Assert.True(exact.Count >= 8, $"only {exact.Count} spikes; the comparison would be weak");
            Assert.Contains(Enumerable.Range(0, layer.Outputs), n => exact.Sources.Count(s => s == n) >= 2);
            Assert.Equal(clock.Count, exact.Count);
            for (var k = 0; k < exact.Count; k++)
            {
                Assert.Equal(clock[k].Neuron, exact.Sources[k]);
                Assert.Equal(clock[k].Time, exact.Times[k], 5e-4);
            }
        }
    }

    [Fact]
    public void Forward_GivesOneSpikeListPerLayer_WithTheLayersWidths_InTimeOrder()
    {
        var network = EventPropFixtures.Tiny();
        var spikes = network.Forward(EventPropFixtures.TinyFeatures);
        Assert.Equal([6, 8, 3], spikes.Select(s => s.Neurons));
        // Latency coding: one spike per input above threshold (0.02 < 0.05 stays silent), t = (1 − x)·10 ms.
        Assert.Equal(5, spikes[0].Count);
        Assert.Equal(1.0, spikes[0].Times[0], 1e-12);
        Assert.Equal(0, spikes[0].Sources[0]);
        foreach (var layer in spikes) Assert.True(layer.Times.Zip(layer.Times.Skip(1)).All(p => p.First <= p.Second));
        Assert.All(spikes[1].Times.Concat(spikes[2].Times), t => Assert.InRange(t, 0, 40));
    }

    [Fact]
    public void Layer_RefusesWeightsOfTheWrongShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new EventLayer(3, 2, new CurrentLif(20, 5, 1), new double[5]));
        Assert.Contains("2 × 3 = 6", e.Message, StringComparison.Ordinal);
    }
}
