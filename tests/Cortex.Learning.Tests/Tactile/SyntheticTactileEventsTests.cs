using Cortex.Learning.Registry;
using Cortex.Learning.Tactile;
using Cortex.Learning.Training;
using Cortex.Randomness;

namespace Cortex.Learning.Tests.Tactile;

/// <summary>The synthetic event-tactile set: shapes, the force profile, the event sensor's rules, and seeding.</summary>
public sealed class SyntheticTactileEventsTests
{
    [Fact]
    public void Force_RampsHoldsAndReleases()
    {
        // onset 2, ramp 2, hold 3, peak 0.8: 0 0 | 0.4 0.8 | 0.8 0.8 0.8 | 0.4 0 | 0
        double[] expected = [0, 0, 0.4, 0.8, 0.8, 0.8, 0.8, 0.4, 0, 0];
        for (var t = 0; t < expected.Length; t++) Assert.Equal(expected[t], SyntheticTactileEvents.Force(t, 2, 2, 3, 0.8), 12);
    }

    [Fact]
    public void Footprints_PressAtTheCentre_NotFarAway_AndTheBarsAreTransposes()
    {
        Assert.True(TactileShape.Footprint(0, 0, 0, 1) > 0.99);
        Assert.True(TactileShape.Footprint(0, 4, 0, 1) < 0.01);
        Assert.True(TactileShape.Footprint(1, 0, 0, 1) < 0.01, "a ring is hollow");
        Assert.True(TactileShape.Footprint(1, 2.2, 0, 1) > 0.99);
        for (var dx = -3.0; dx <= 3; dx += 0.7)
        {
            for (var dy = -3.0; dy <= 3; dy += 0.7)
                Assert.Equal(TactileShape.Footprint(2, dx, dy, 1.1), TactileShape.Footprint(3, dy, dx, 1.1), 12);
        }
    }

    [Fact]
    public void WithoutNoise_EveryTaxelRisesBeforeItFalls_AndTheStartIsSilent()
    {
        var options = new TactileDataOptions { Noise = 0 };
        for (var shape = 0; shape < TactileShape.Names.Count; shape++)
        {
            var random = SeededRandom.Create(5, StreamDomain.Connectivity, shape);
            var record = SyntheticTactileEvents.Record(options, shape, ref random);
            var frame = options.Rows * options.Cols;
            Assert.All(record, v => Assert.True(v is 0 or 1));
            Assert.Contains(1f, record);
            for (var n = 0; n < frame; n++)
            {
                int First(int polarity) => Enumerable.Range(0, options.Steps).FirstOrDefault(t => record[(((t * 2) + polarity) * frame) + n] == 1, -1);
                var on = First(0);
                var off = First(1);
                Assert.True(off == -1 || (on != -1 && on < off), $"shape {shape}, taxel {n}: first OFF at {off}, first ON at {on}");
            }
        }
    }

    [TorchFact]
    public void Generate_IsSeeded_ShapedAndBalanced()
    {
        var options = new TactileDataOptions { TrainPerClass = 5, TestPerClass = 2 };
        using var a = SyntheticTactileEvents.Generate(options, 3);
        using var b = SyntheticTactileEvents.Generate(options, 3);
        using var c = SyntheticTactileEvents.Generate(options, 4);
        Assert.Equal(new long[] { 30, 16, 2, 8, 8 }, a.Train.Inputs.shape);
        Assert.Equal(12, a.Test.Count);
        Assert.True(a.Train.Inputs.allclose(b.Train.Inputs, 0, 0));
        Assert.False(a.Train.Inputs.allclose(c.Train.Inputs, 0, 0));
        Assert.False(a.Train.Inputs[..12].allclose(a.Test.Inputs, 0, 0), "train and test come from different streams");
        Assert.All(Enumerable.Range(0, 6), k => Assert.Equal(5, a.Train.LabelArray().Count(l => l == k)));
    }

    [Theory]
    [InlineData("""{"classes":7}""", "$.data.tactile.classes")]
    [InlineData("""{"event_threshold":0}""", "$.data.tactile.event_threshold")]
    [InlineData("""{"taxels":9}""", "$.data.tactile.taxels")]
    public void BadTactileOptions_NameTheirPath(string tactile, string path)
    {
        var json = $$"""
            {"data": {"dataset":"tactile","tactile":{{tactile}}}, "model": {"input_shape": [4], "steps": 2, "layers": [{"type":"linear","out":2}]},
             "train": {"epochs": 1, "batch_size": 4, "optimizer": {"type":"adam","lr":0.01} } }
            """;
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(json, "t"));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }
}
