using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// <c>train.device</c>: the names the config and <c>--device</c> accept, and what <see cref="TrainingDevice.Resolve"/> makes
/// of them on this machine. CI has no GPU (and this build ships libtorch's CPU package), so the CUDA tests assert the
/// error there and the device where CUDA is available: each branch asserts something.
/// </summary>
public sealed class TrainingDeviceTests
{
    private static TrainingConfig Parse(string extraTrain = "") => TrainingConfig.Parse(TrainingFixtures.Config(extraTrain: extraTrain), "tiny");

    [Fact]
    public void Parse_DefaultsTheDeviceToCpu()
    {
        var config = Parse();
        Assert.DoesNotContain("\"device\"", config.Json, StringComparison.Ordinal);
        Assert.Equal("cpu", config.Train.Device);
        Assert.Equal(TrainingDevice.Cpu, config.Train.Device);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:1")]
    [InlineData("cuda:12")]
    public void Parse_AcceptsCpuCudaAndCudaN(string device)
    {
        // Parsing checks the name only: "cuda" parses on a machine without a GPU, and fails when the trainer resolves it.
        Assert.Equal(device, Parse($",\"device\":\"{device}\"").Train.Device);
        Assert.True(TrainingDevice.IsValidName(device));
        Assert.Null(TrainingDevice.NameProblem(device));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda: 1")]
    [InlineData("cuda:1 ")]
    [InlineData("cuda:99999999999")]
    [InlineData("CPU")]
    [InlineData("Cuda")]
    [InlineData("")]
    public void Parse_RejectsOtherNames_NamingTrainDevice(string device)
    {
        var error = Assert.Throws<LearningConfigException>(() => Parse($",\"device\":\"{device}\""));
        Assert.Equal($"$.train.device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"{device}\"", error.Message);
        Assert.False(TrainingDevice.IsValidName(device));
    }

    [Fact]
    public void Parse_RejectsANonStringDevice_NamingTrainDevice()
    {
        var error = Assert.Throws<LearningConfigException>(() => Parse(",\"device\":0"));
        Assert.StartsWith("$.train.device: expected a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithDevice_RewritesTheTrainSectionAndTheStoredJson()
    {
        var config = Parse().WithDevice("cuda:1");
        Assert.Equal("cuda:1", config.Train.Device);
        Assert.Equal("cuda:1", TrainingConfig.Parse(config.Json, "tiny").Train.Device);
        // Everything else stays: the same epochs and seed, and back to the CPU it is the original config again.
        var original = Parse();
        Assert.Equal(original.Train with { Device = "cuda:1" }, config.Train);
        var back = config.WithDevice("cpu");
        Assert.Equal(original.Train, back.Train);
        Assert.Equal("cpu", TrainingConfig.Parse(back.Json, "tiny").Train.Device);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("CPU")]
    [InlineData("")]
    public void WithDevice_RejectsABadName_NamingTheOption(string device)
    {
        var error = Assert.Throws<LearningConfigException>(() => Parse().WithDevice(device));
        Assert.Equal($"--device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"{device}\"", error.Message);
    }

    [TorchFact]
    public void Resolve_Cpu_IsTheCpuDevice()
    {
        var device = TrainingDevice.Resolve("cpu");
        Assert.Equal(DeviceType.CPU, device.type);
        using var probe = zeros(2, device: device);
        Assert.Equal(DeviceType.CPU, probe.device_type);
    }

    [Fact]
    public void Resolve_ABadName_NamesTrainDevice()
    {
        var error = Assert.Throws<LearningConfigException>(() => TrainingDevice.Resolve("gpu"));
        Assert.Equal("train.device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"gpu\"", error.Message);
    }

    [TorchTheory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Resolve_Cuda_IsTheFirstGpu_OrWithoutCudaAnErrorNamingTrainDeviceAndTheLibraryPath(string name)
    {
        if (cuda.is_available())
        {
            var device = TrainingDevice.Resolve(name);
            Assert.Equal(DeviceType.CUDA, device.type);
            Assert.Equal(0, device.index);
            return;
        }
        // No GPU or no CUDA libtorch (CI, and this build's CPU package): an error, never a silent fall-back to the CPU.
        var error = Assert.Throws<LearningConfigException>(() => TrainingDevice.Resolve(name));
        Assert.StartsWith($"train.device: \"{name}\" asks for an NVIDIA GPU", error.Message, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Resolve_AGpuIndexPastTheLast_IsAnErrorNamingTrainDevice()
    {
        var error = Assert.Throws<LearningConfigException>(() => TrainingDevice.Resolve("cuda:1000"));
        Assert.StartsWith("train.device: \"cuda:1000\"", error.Message, StringComparison.Ordinal);
        // With CUDA, the index is past the GPUs there are; without it, there is no GPU at all.
        Assert.Contains(cuda.is_available() ? "names GPU 1000, but there" : "LD_LIBRARY_PATH", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// <c>train.device</c> in the trainer and the network: the sparse pass refuses a GPU before anything moves, and an
/// explicit <c>"device": "cpu"</c> trains bit for bit as the config without the key. These seed torch's global generator.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class TrainingDeviceTrainerTests
{
    private const string SparseLayers = """
        [{"type":"linear","out":12},{"type":"lif","tau":2,"reset":"subtract","detach_reset":true,"sparse_backward":{"band":0.5}},
         {"type":"linear","out":8},{"type":"lif","tau":2,"reset":"subtract","detach_reset":true,"sparse_backward":{"band":0.5}},
         {"type":"linear","out":3}]
        """;

    // Poisson input (the encoder's generator, through EncoderNoise) and dropout (the global generator): every seeded draw.
    private static string Config(string extraTrain = "") => TrainingFixtures.Config(
        layers: """[{"type":"linear","out":16},{"type":"test_dropout","p":0.2},{"type":"plif","tau":2,"learn_threshold":true},{"type":"linear","out":3}]""",
        encoder: """{"type":"poisson"}""", epochs: 2, extraTrain: extraTrain);

    [TorchFact]
    public void MoveTo_Gpu_WithSparseBackward_IsRefusedNamingTheLayer_BeforeAnythingMoves()
    {
        var model = $$"""{"input_shape":[6],"steps":3,"layers":{{SparseLayers}}}""";
        using var network = SpikingNetwork.FromJson(model, TrainingFixtures.Registry());
        Assert.Equal(2, network.SparsePairs.Count);
        var before = TrainingFixtures.Snapshot(network);

        var error = Assert.Throws<LearningConfigException>(() => network.MoveTo(new Device(DeviceType.CUDA, 0)));

        Assert.StartsWith("model.layers[0].sparse_backward: the sparse backward pass runs on the CPU only", error.Message, StringComparison.Ordinal);
        Assert.Contains("train.device is \"cuda:0\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceType.CPU, network.Device.type);
        Assert.All(network.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
        var after = TrainingFixtures.Snapshot(network);
        foreach (var (name, values) in before) Assert.Equal(values, after[name]);
    }

    [TorchFact]
    public void MoveTo_Cpu_WithSparseBackward_IsAllowed()
    {
        var model = $$"""{"input_shape":[6],"steps":3,"layers":{{SparseLayers}}}""";
        using var network = SpikingNetwork.FromJson(model, TrainingFixtures.Registry());
        network.MoveTo(CPU);
        Assert.Equal(DeviceType.CPU, network.Device.type);
        Assert.Equal(2, network.SparsePairs.Count);
    }

    [TorchFact]
    public void Create_OnTheGpu_WithSparseBackward_IsRefused()
    {
        // Without CUDA the device is refused first (train.device); with it, the sparse layer is (model.layers[0]).
        var config = TrainingConfig.Parse(TrainingFixtures.Config(layers: SparseLayers, extraTrain: ",\"device\":\"cuda\""), "sparse");
        var error = Assert.Throws<LearningConfigException>(() => Trainer.Create(config, TrainingFixtures.Registry()).Dispose());
        Assert.StartsWith(cuda.is_available() ? "model.layers[0].sparse_backward:" : "train.device: \"cuda\"", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void ExplicitCpuDevice_TrainsBitForBitLikeTheDefault()
    {
        var implicitCpu = TrainingConfig.Parse(Config(), "tiny");
        var explicitCpu = TrainingConfig.Parse(Config(",\"device\":\"cpu\""), "tiny");
        Assert.Contains("\"device\":\"cpu\"", explicitCpu.Json, StringComparison.Ordinal);

        var first = Train(implicitCpu);
        var second = Train(explicitCpu);

        Assert.Equal(DeviceType.CPU, first.Device);
        Assert.Equal(DeviceType.CPU, second.Device);
        Assert.Equal(8, first.Losses.Count);   // 60 samples in batches of 16, two epochs
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.TestLosses, second.TestLosses);
        Assert.Equal(first.Weights.Keys.Order(), second.Weights.Keys.Order());
        foreach (var (name, values) in first.Weights) Assert.Equal(values, second.Weights[name]);
        // The steps really trained: the weights moved from their seeded start.
        Assert.Contains(first.Weights, pair => !pair.Value.SequenceEqual(first.Initial[pair.Key]));
    }

    [TorchFact]
    public void Resume_WithAnotherDevice_ResolvesItAndKeepsTheNetworkOnTheCpuWhenRefused()
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var registry = TrainingFixtures.Registry();
        var path = Path.Combine(Path.GetTempPath(), $"cortex-device-tests-{Guid.NewGuid():N}.ckpt");
        try
        {
            using (var first = Trainer.Create(TrainingConfig.Parse(Config(), "tiny"), registry))
            {
                first.TrainEpoch(train, test);
                TrainingCheckpoint.Save(path, first);
            }
            using var checkpoint = TrainingCheckpoint.Load(path, registry);
            if (!cuda.is_available())
            {
                var error = Assert.Throws<LearningConfigException>(() => Trainer.Resume(checkpoint, checkpoint.Config.WithDevice("cuda")).Dispose());
                Assert.StartsWith("train.device: \"cuda\"", error.Message, StringComparison.Ordinal);
                Assert.Equal(DeviceType.CPU, checkpoint.Network.Device.type);
            }
            using var resumed = Trainer.Resume(checkpoint, checkpoint.Config.WithDevice("cpu").WithEpochs(2));
            Assert.Equal(DeviceType.CPU, resumed.Device.type);
            Assert.Equal("cpu", resumed.Config.Train.Device);
            resumed.Run(train, test);
            Assert.Equal(2, resumed.EpochsDone);
            Assert.Equal(8, resumed.StepsDone);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed record Run(DeviceType Device, List<double> Losses, List<double> TestLosses, Dictionary<string, float[]> Initial, Dictionary<string, float[]> Weights);

    private static Run Train(TrainingConfig config)
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
        var initial = TrainingFixtures.Snapshot(trainer.Network);
        // The running train loss after every step, so each step is compared, then each epoch's test loss (Evaluate moves batches too).
        var steps = new StepLosses();
        var history = trainer.Run(train, test, steps);
        return new Run(trainer.Device.type, steps.Losses, [.. history.Select(m => m.TestLoss)], initial, TrainingFixtures.Snapshot(trainer.Network));
    }

    /// <summary>Records the running train loss reported after each step (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StepLosses : IProgress<TrainingProgress>
    {
        public List<double> Losses { get; } = [];

        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Train) Losses.Add(value.Loss);
        }
    }
}
