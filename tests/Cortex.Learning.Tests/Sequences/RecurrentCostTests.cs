using Cortex.Learning.Cost;
using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>
/// The cost meter counts a recurrent layer as two weight layers: W_in on the analog rows (MACs on non-zero pixels) and
/// W_rec on the layer's own spikes of every step but the last (ACs), recomputed here from the input and the spikes.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class RecurrentCostTests
{
    [TorchFact]
    public void RecurrentLayer_CountsInputMacsAndRecurrentAcs()
    {
        const string Model = """
            {"input_shape":[1,6,5],"steps":6,"encoder":{"type":"rows"},"layers":[
              {"type":"recurrent","out":8,"neuron":{"type":"lif","tau":2,"threshold":0.2}},
              {"type":"last_step"},
              {"type":"linear","out":3}]}
            """;
        random.manual_seed(4);
        using var network = SpikingNetwork.FromJson(Model, LearningRegistry.BuiltIn());
        using var images = rand(4, 1, 6, 5) * rand(4, 1, 6, 5).gt(0.5).to(float32);   // about half the pixels zero
        using var meter = new CostMeter(network);
        using (no_grad()) network.call(images);
        var report = meter.Report();

        var recurrent = (RecurrentSpikingLayer)network.Layers[0].Module;
        using var sequence = network.Encoder.Encode(images, 6, null);
        using var spikes = recurrent.call(sequence);
        var nonZeroPixels = images.count_nonzero().item<long>();
        var fedBackSpikes = spikes[TensorIndex.Slice(0, 5)].count_nonzero().item<long>();
        Assert.True(fedBackSpikes > 0);

        var input = report.Layers.Single(l => l.Name == "layers.0.input");
        Assert.Equal(6 * 5 * 8, input.DenseOperations);   // per sample: T·in·out
        Assert.Equal(nonZeroPixels * 8 / 4.0, input.EffectiveMacs);
        Assert.Equal(0, input.EffectiveAcs);
        var feedback = report.Layers.Single(l => l.Name == "layers.0.recurrent");
        Assert.Equal(5 * 8 * 8, feedback.DenseOperations);  // per sample: (T − 1)·hidden·hidden
        Assert.Equal(fedBackSpikes * 8 / 4.0, feedback.EffectiveAcs);
        Assert.Equal(0, feedback.EffectiveMacs);
        Assert.Contains(report.Neurons, n => n.Name == "layers.0");
    }
}
