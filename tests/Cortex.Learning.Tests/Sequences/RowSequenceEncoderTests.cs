using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>The <c>rows</c> encoder: step t carries image row t (all channels), and a model whose steps or input do not fit is refused at build time.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class RowSequenceEncoderTests
{
    [TorchFact]
    public void StepT_CarriesRowT_OfEveryChannel()
    {
        random.manual_seed(1);
        using var images = rand(3, 2, 4, 5);   // [B, C, H, W]
        var encoder = new RowSequenceEncoder();
        Assert.Equal(new long[] { 10 }, encoder.OutputShape([2, 4, 5]));
        using var sequence = encoder.Encode(images, 4, null);
        Assert.Equal(new long[] { 4, 3, 10 }, sequence.shape);
        var pixels = images.data<float>().ToArray();
        var encoded = sequence.data<float>().ToArray();
        for (var t = 0; t < 4; t++)
        {
            for (var b = 0; b < 3; b++)
            {
                for (var c = 0; c < 2; c++)
                {
                    for (var w = 0; w < 5; w++)
                        Assert.Equal(pixels[(((((b * 2) + c) * 4) + t) * 5) + w], encoded[(((t * 3) + b) * 10) + (c * 5) + w]);
                }
            }
        }
    }

    [TorchFact]
    public void ImagesWithoutAChannel_AreReadTheSameWay()
    {
        using var images = arange(24, dtype: float32).reshape(2, 3, 4) / 24;
        using var sequence = new RowSequenceEncoder().Encode(images, 3, null);
        Assert.Equal(new long[] { 3, 2, 4 }, sequence.shape);
        Assert.Equal(images[1, 2].data<float>().ToArray(), sequence[2, 1].data<float>().ToArray());
    }

    [TorchFact]
    public void Encode_RefusesStepsOtherThanTheHeight()
    {
        using var images = rand(2, 1, 4, 4);
        Assert.Contains("steps = 4, got 3", Assert.Throws<ArgumentException>(() => new RowSequenceEncoder().Encode(images, 3, null)).Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void AModelWhoseStepsOrInputDoNotFit_IsRefusedNamingTheKey()
    {
        const string Model = """{"input_shape":[1,28,28],"steps":STEPS,"encoder":{"type":"rows"},"layers":[{"type":"recurrent","out":8},{"type":"last_step"},{"type":"linear","out":10}]}""";
        using (var network = SpikingNetwork.FromJson(Model.Replace("STEPS", "28", StringComparison.Ordinal), LearningRegistry.BuiltIn()))
        {
            Assert.Equal(new long[] { 28 }, network.Layers[0].InputShape);
            using var output = network.call(rand(2, 1, 28, 28));
            Assert.Equal(new long[] { 1, 2, 10 }, output.shape);
        }
        Assert.Equal("model.steps: the 'rows' encoder feeds one image row per step, so steps must equal the image height 28, got 8",
            Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(Model.Replace("STEPS", "8", StringComparison.Ordinal), LearningRegistry.BuiltIn())).Message);
        Assert.Equal("model.input_shape: the 'rows' encoder needs an image [C, H, W] or [H, W], got [784]",
            Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(Model.Replace("STEPS", "28", StringComparison.Ordinal).Replace("[1,28,28]", "[784]", StringComparison.Ordinal), LearningRegistry.BuiltIn())).Message);
    }
}
