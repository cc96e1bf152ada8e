using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Input;
using Cortex.Learning.Registry;
using TextEncoding = System.Text.Encoding;
using TorchSharp;

namespace Cortex.Learning.Training;

/// <summary>
/// A training run frozen between epochs, in one file: the training config (which rebuilds the model),
/// the epoch and step counters, the metrics so far, the model's parameters and buffers (batch-norm running
/// statistics included) and the optimiser's state (Adam's moments and step counts). The data order and all
/// random draws derive from the seed and the epoch, so the counters are all the random state a resumed
/// run needs to continue exactly.
/// </summary>
/// <remarks>
/// Layout: the 8-byte magic "CXCKPT01", the metadata as a length-prefixed UTF-8 JSON string, then two
/// length-prefixed blobs: the model (TorchSharp <c>Module.save</c> format) and the optimiser
/// (<c>OptimizerHelper.save_state_dict</c>). Format 2 ends with a checksum trailer (<see cref="CheckpointChecksum"/>),
/// verified before anything is parsed; format-1 files, which have none, are refused.
/// </remarks>
public sealed class TrainingCheckpoint : IDisposable
{
    private static readonly byte[] Magic = "CXCKPT01"u8.ToArray();
    private const int FormatVersion = 2;
    private readonly byte[] _optimizerState;

    private TrainingCheckpoint(string path, TrainingConfig config, SpikingNetwork network, int epochsDone, long stepsDone, IReadOnlyList<EpochMetrics> metrics, byte[] optimizerState)
    {
        Path = path;
        Config = config;
        Network = network;
        EpochsDone = epochsDone;
        StepsDone = stepsDone;
        Metrics = metrics;
        _optimizerState = optimizerState;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The configuration of the run.</summary>
    public TrainingConfig Config { get; }

    /// <summary>The model with its trained weights (disposed with the checkpoint unless a trainer took it over).</summary>
    public SpikingNetwork Network { get; }

    /// <summary>Epochs completed when it was saved.</summary>
    public int EpochsDone { get; }

    /// <summary>Optimiser steps taken when it was saved.</summary>
    public long StepsDone { get; }

    /// <summary>Metrics of the completed epochs.</summary>
    public IReadOnlyList<EpochMetrics> Metrics { get; }

    /// <summary>JSON options of the metadata (and of metrics files): snake_case names.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes the trainer's state to <paramref name="path"/> (through a temporary file, so a crash never leaves half a checkpoint).</summary>
    public static void Save(string path, Trainer trainer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(trainer);
        var meta = new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["name"] = trainer.Config.Name,
            ["epochs_done"] = trainer.EpochsDone,
            ["steps_done"] = trainer.StepsDone,
            ["config"] = JsonNode.Parse(trainer.Config.Json),
            ["metrics"] = JsonSerializer.SerializeToNode(trainer.History, JsonOptions),
        };
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        using (var writer = new BinaryWriter(file, TextEncoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(meta.ToJsonString());
            WriteBlob(writer, stream => trainer.Network.save(stream));
            WriteBlob(writer, stream =>
            {
                using var blobWriter = new BinaryWriter(stream, TextEncoding.UTF8, leaveOpen: true);
                ((TorchSharp.Modules.OptimizerHelper)trainer.Optimizer).save_state_dict(blobWriter);
            });
            writer.Flush();
            CheckpointChecksum.Append(file);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads a checkpoint and rebuilds its model with the weights loaded. A missing file, a file that is
    /// not a checkpoint or a truncated one throws <see cref="CheckpointException"/> naming the file.
    /// </summary>
    public static TrainingCheckpoint Load(string path, LearningRegistry registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(registry);
        if (!InputFile.Exists(path, "checkpoint", InputFile.BinaryCap)) throw new CheckpointException($"{path}: checkpoint not found");
        SpikingNetwork? network = null;
        try
        {
            using var file = File.OpenRead(path);
            using var reader = new BinaryReader(file, TextEncoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new CheckpointException($"{path}: not a Cortex training checkpoint (it does not start with {TextEncoding.ASCII.GetString(Magic)})");
            CheckpointChecksum.Verify(file, path);
            file.Position = Magic.Length;
            var meta = JsonNode.Parse(reader.ReadString())!.AsObject();
            var version = meta["format_version"]!.GetValue<int>();
            if (version != FormatVersion)
                throw new CheckpointException($"{path}: checkpoint format {version} is not supported (this build reads format {FormatVersion})");
            var config = TrainingConfig.Parse(meta["config"]!.ToJsonString(), meta["name"]!.GetValue<string>());
            var metrics = meta["metrics"].Deserialize<List<EpochMetrics>>(JsonOptions) ?? [];
            network = SpikingNetwork.FromJson(config.ModelJson, registry);
            using (var model = new MemoryStream(ReadBlob(reader)))
            {
                network.load(model);
            }
            var optimizerState = ReadBlob(reader);
            return new TrainingCheckpoint(path, config, network, meta["epochs_done"]!.GetValue<int>(), meta["steps_done"]!.GetValue<long>(), metrics, optimizerState);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            network?.Dispose();
            var reason = e switch
            {
                EndOfStreamException => "the file is truncated",
                LearningConfigException => $"its config is not valid here: {e.Message}",
                _ => e.Message,
            };
            throw new CheckpointException($"{path}: cannot read the checkpoint: {reason}", e);
        }
        catch
        {
            network?.Dispose();
            throw;
        }
    }

    /// <summary>Only the trained network of a checkpoint (what exporters and evaluation need).</summary>
    public static SpikingNetwork LoadNetwork(string path, LearningRegistry registry)
    {
        var checkpoint = Load(path, registry);
        return checkpoint.Network;
    }

    /// <summary>Loads the saved optimiser state into <paramref name="optimizer"/>, built over this checkpoint's network.</summary>
    public void RestoreOptimizer(torch.optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        try
        {
            using var stream = new MemoryStream(_optimizerState);
            using var reader = new BinaryReader(stream, TextEncoding.UTF8);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{Path}: the optimiser state does not fit train.optimizer ({Config.Train.Optimizer.Type}): {e.Message}", e);
        }
    }

    /// <summary>Disposes the network unless a trainer took it over (then the trainer disposes it).</summary>
    public void Dispose() => Network.Dispose();

    private static void WriteBlob(BinaryWriter writer, Action<Stream> write)
    {
        using var blob = new MemoryStream();
        write(blob);
        // ToArray, not GetBuffer: TorchSharp's Module.save closes the stream it writes to.
        var bytes = blob.ToArray();
        writer.Write((long)bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBlob(BinaryReader reader)
    {
        var length = reader.ReadInt64();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
        return reader.ReadBytes((int)length);
    }
}
