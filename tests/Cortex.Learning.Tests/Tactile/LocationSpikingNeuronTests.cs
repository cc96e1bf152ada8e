using Cortex.Learning.Encoding;
using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Tactile;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Tactile;

/// <summary>
/// Location spiking neurons (Kang et al. 2022): the taxel sequence, the LIF recursion along locations against a
/// loop written out here, the hybrid's mixing, gradients, the config's errors and a seeded training run.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class LocationSpikingNeuronTests
{
    private const string Hybrid = """
        {"type":"location_hybrid","steps":4,"hidden":6,"tau":2,"location_weight":0.3,
         "timing":[{"type":"flatten"},{"type":"linear","out":5},{"type":"lif"},{"type":"linear","out":3}]}
        """;

    private static LocationHybridLayer Build(string json, params long[] shape) =>
        (LocationHybridLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[0]"), shape).Module;

    [TorchFact]
    public void LocationSequence_ReadsTaxelsInRasterOrder_WithTheirTimeMajorHistory()
    {
        using var recording = arange(3 * 2 * 2 * 2 * 3, ScalarType.Float32).reshape([3, 2, 2, 2, 3]);   // [T, B, P, H, W]
        using var sequence = LocationSpikingPathway.LocationSequence(recording);
        Assert.Equal(new long[] { 6, 2, 6 }, sequence.shape);
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 3; x++)
                for (var b = 0; b < 2; b++)
                    for (var t = 0; t < 3; t++)
                        for (var p = 0; p < 2; p++)
                            Assert.Equal(recording[t, b, p, y, x].item<float>(), sequence[(y * 3) + x, b, (t * 2) + p].item<float>());
    }

    [TorchFact]
    public void LocationNeurons_IntegrateAndLeakAlongTheTaxels()
    {
        random.manual_seed(2);
        var layer = Build(Hybrid, 2, 3, 3);
        // Larger input weights than the default ±1/√(T·P), so the location neurons cross the threshold now and then.
        using (no_grad()) layer.Location.named_parameters().First(p => p.name == "input.weight").parameter.mul_(4);
        using var recording = rand([4, 2, 2, 3, 3]).gt(0.5).to_type(ScalarType.Float32);
        using var spikes = layer.Location.LocationSpikes(recording);   // [9 taxels, B, hidden]
        Assert.Equal(new long[] { 9, 2, 6 }, spikes.shape);

        // h = v + (1 − e^{−1/τ})(I − v); spike where h ≥ 1; v = h(1 − s): stepped over the taxels, not over time.
        using var currents = layer.Location.named_modules().Select(m => m.module).OfType<TimeDistributedLinear>().First()
            .call(LocationSpikingPathway.LocationSequence(recording));
        var current = currents.data<float>().ToArray();
        var k = 1 - Math.Exp(-1 / 2.0);
        var actual = spikes.data<float>().ToArray();
        var width = 2 * 6;
        var v = new double[width];
        var fired = 0;
        for (var n = 0; n < 9; n++)
        {
            for (var j = 0; j < width; j++)
            {
                var h = v[j] + (k * (current[(n * width) + j] - v[j]));
                var s = h >= 1 ? 1 : 0;
                if (Math.Abs(h - 1) > 1e-5) Assert.Equal(s, actual[(n * width) + j]);
                fired += s;
                v[j] = h * (1 - s);
            }
        }
        Assert.True(fired > 0, "the test input should make some location neurons fire");
    }

    [TorchFact]
    public void Hybrid_MixesTheBranches_AlphaZeroIsTheTimingBranchAlone()
    {
        random.manual_seed(5);
        var layer = Build(Hybrid, 2, 3, 3);
        using var recording = rand([4, 2, 2, 3, 3]).gt(0.6).to_type(ScalarType.Float32);
        using var output = layer.call(recording);
        Assert.Equal(new long[] { 4, 2, 3 }, output.shape);
        // Each parameter once: two linear layers in each branch (a module registered twice would be trained and counted twice).
        Assert.Equal(
            ["location.input.bias", "location.input.weight", "location.readout.bias", "location.readout.weight", "timing_1.bias", "timing_1.weight", "timing_3.bias", "timing_3.weight"],
            layer.named_parameters().Select(p => p.name).Order(StringComparer.Ordinal));
        var timing = recording;
        foreach (var module in layer.Timing) timing = module.call(timing);
        using var location = layer.Location.call(recording);
        using var expected = (0.7 * timing) + (0.3 * location.unsqueeze(0));
        Assert.True(output.allclose(expected, 1e-6, 1e-6));

        random.manual_seed(5);
        var alone = Build(Hybrid.Replace("0.3", "0", StringComparison.Ordinal), 2, 3, 3);
        using var aloneOutput = alone.call(recording);
        Assert.True(aloneOutput.allclose(timing, 1e-6, 1e-6));
    }

    [TorchFact]
    public void Gradients_OfTheReadouts_MatchFiniteDifferences_AndReachTheLocationInput()
    {
        random.manual_seed(6);
        var layer = Build(Hybrid, 2, 3, 3);
        using var recording = rand([4, 2, 2, 3, 3]).gt(0.4).to_type(ScalarType.Float32);
        using var target = tensor(new long[] { 0, 2 });
        Tensor Loss() => nn.functional.cross_entropy(layer.call(recording).mean([0]), target);
        // The readouts sit after the last spikes, so the loss is smooth in them; upstream weights get surrogate gradients.
        var readouts = layer.named_parameters().Where(p => p.name.StartsWith("location.readout", StringComparison.Ordinal) || p.name.StartsWith("timing_3", StringComparison.Ordinal))
            .Select(p => (p.name, (Tensor)p.parameter)).ToList();
        Assert.Equal(4, readouts.Count);
        // float32 throughout: a step of 1e-3 keeps the rounding of the loss (~1e-7/h) well under the tolerance.
        FiniteDifferences.AssertGradientsMatch(Loss, readouts, h: 1e-3, tolerance: 1e-2, absoluteTolerance: 1e-3);
        layer.zero_grad();
        using (var loss = Loss()) loss.backward();
        FiniteDifferences.AssertFiniteAndNonZero(layer.named_parameters().Where(p => p.name.StartsWith("location.input", StringComparison.Ordinal)).Select(p => (p.name, (Tensor)p.parameter)));
    }

    [Theory]
    [InlineData("""{"type":"location_hybrid","steps":4,"timing":[{"type":"linear","out":3}]}""", new long[] { 18 }, "model.layers[0]: location_hybrid needs recordings")]
    [InlineData("""{"type":"location_hybrid","steps":4}""", new long[] { 2, 3, 3 }, "model.layers[0].timing: is required")]
    [InlineData("""{"type":"location_hybrid","timing":[{"type":"flatten"},{"type":"linear","out":3}]}""", new long[] { 2, 3, 3 }, "model.layers[0].steps: is required")]
    [InlineData("""{"type":"location_hybrid","steps":4,"timing":[{"type":"lif"}]}""", new long[] { 2, 3, 3 }, "model.layers[0].timing[0]: the timing branch must end")]
    [InlineData("""{"type":"location_hybrid","steps":4,"location_weight":2,"timing":[{"type":"flatten"},{"type":"linear","out":3}]}""", new long[] { 2, 3, 3 }, "model.layers[0].location_weight:")]
    public void BadConfig_NamesThePath(string json, long[] shape, string expected)
    {
        var error = Assert.ThrowsAny<LearningConfigException>(() => LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[0]"), shape));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void StepsThatDoNotMatchTheRecording_AreNamedAtTheLayersStepsKey()
    {
        var layer = Build(Hybrid, 2, 3, 3);
        using var recording = zeros([5, 1, 2, 3, 3]);
        var error = Assert.Throws<LearningConfigException>(() => layer.call(recording));
        Assert.StartsWith("model.layers[0].steps: 4 does not match the 5", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void SequenceEncoder_PlaysTheSamplesOwnTimeAxis()
    {
        var encoder = new SequenceEncoder();
        Assert.Equal(new long[] { 2, 3, 3 }, encoder.OutputShape([4, 2, 3, 3]));
        using var batch = rand([5, 4, 2, 3, 3]);
        using var sequence = encoder.Encode(batch, 4, null);
        Assert.True(sequence.allclose(batch.transpose(0, 1), 0, 0));
        var error = Assert.Throws<LearningConfigException>(() => encoder.Encode(batch, 6, null));
        Assert.StartsWith("model.steps: 6 does not match the 4 time bins", error.Message, StringComparison.Ordinal);
        Assert.Throws<LearningConfigException>(() => encoder.OutputShape([4]));
    }

    [TorchFact]
    public void TactileHybrid_Trains_Seeded_WellAboveChance()
    {
        var json = """
            {"data": {"dataset":"tactile","seed":0,"tactile":{"rows":6,"cols":6,"steps":8,"classes":4,"train_per_class":24,"test_per_class":10}},
             "model": {"input_shape":[8,2,6,6],"steps":8,"encoder":{"type":"sequence"},
                       "layers":[{"type":"location_hybrid","steps":8,"hidden":16,
                                  "timing":[{"type":"flatten"},{"type":"linear","out":24},{"type":"lif"},{"type":"linear","out":4}]}]},
             "train": {"epochs":6,"batch_size":16,"optimizer":{"type":"adam","lr":0.005},"seed":1,"threads":1}}
            """;
        var config = TrainingConfig.Parse(json, "tactile");
        using var data = TrainingData.Load(config.Data);
        var accuracy = TrainingFixtures.FinalTestAccuracy(config, data);
        Assert.Equal(accuracy, TrainingFixtures.FinalTestAccuracy(config, data));
        Assert.True(accuracy > 0.4, $"test accuracy {accuracy} (chance 0.25)");
    }
}
