using System.Globalization;
using Cortex.Learning.Data;
using static TorchSharp.torch;

namespace Cortex.Learning.Events;

/// <summary>
/// Address-event recordings in the N-MNIST layout: one folder per class named by its label number, each
/// holding <c>*.bin</c> recordings (e.g. <c>N-MNIST/Train/3/00012.bin</c>; open <c>…/Train</c> or
/// <c>…/Test</c>). Files are read when a batch needs them, so the whole set never sits in memory;
/// batches are [T, B, 2, H, W] frames with int64 labels [B], in a seeded order per epoch.
/// </summary>
public sealed class EventDataset
{
    private readonly string[] _files;
    private readonly long[] _labels;

    /// <summary>Indexes <paramref name="directory"/>; files are sorted by label then ordinal name.</summary>
    public EventDataset(string directory, EventFrameOptions? frames = null, AddressEventReadOptions? reading = null)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"event dataset: directory '{directory}' not found (expected <label>/*.bin folders as in N-MNIST's Train/ or Test/; N-MNIST is not packaged for Debian and must be copied in by hand)");
        Frames = frames ?? new EventFrameOptions();
        Frames.Validate();
        Reading = reading ?? AddressEventReadOptions.NMnist;
        var entries = new List<(string File, long Label)>();
        foreach (var folder in Directory.GetDirectories(directory))
        {
            var name = Path.GetFileName(folder);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var label))
                throw new InvalidDataException($"event dataset: folder '{folder}' is not named by a class number (expected 0, 1, 2, …)");
            entries.AddRange(Directory.GetFiles(folder, "*.bin").Order(StringComparer.Ordinal).Select(file => (file, (long)label)));
        }
        if (entries.Count == 0)
            throw new InvalidDataException($"event dataset: no <label>/*.bin recordings under '{directory}'");
        entries.Sort((a, b) => a.Label != b.Label ? a.Label.CompareTo(b.Label) : string.CompareOrdinal(a.File, b.File));
        _files = [.. entries.Select(e => e.File)];
        _labels = [.. entries.Select(e => e.Label)];
        ClassCount = (int)_labels.Max() + 1;
    }

    /// <summary>How recordings become frames.</summary>
    public EventFrameOptions Frames { get; }

    /// <summary>Sensor size and time-order policy.</summary>
    public AddressEventReadOptions Reading { get; }

    /// <summary>The number of recordings.</summary>
    public int Count => _files.Length;

    /// <summary>The number of classes (largest label + 1).</summary>
    public int ClassCount { get; }

    /// <summary>The recordings' paths.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>The recordings' labels.</summary>
    public IReadOnlyList<long> Labels => _labels;

    /// <summary>The shape of one sample's frames per step: [2, H, W].</summary>
    public IReadOnlyList<long> SampleShape => [2, Reading.Height, Reading.Width];

    /// <summary>The frames [T, 2, H, W] of recording <paramref name="index"/>.</summary>
    public Tensor Load(int index) => EventFrames.ToFrames(AddressEventFile.Read(_files[index], Reading), Frames);

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>: inputs [T, B, 2, H, W], labels [B]. The order comes
    /// from (seed, epoch) as in <see cref="MiniBatches"/>; dispose each batch.
    /// </summary>
    public IEnumerable<Batch> Batches(int batchSize, ulong seed, int epoch, bool shuffle = true, bool dropLast = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be >= 1");
        var order = shuffle ? SeededPermutation.Create(Count, seed, SeededPermutation.EpochOrderPurpose, epoch) : [.. Enumerable.Range(0, Count)];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var length = Math.Min(batchSize, order.Length - start);
            if (dropLast && length < batchSize) yield break;
            yield return Take(order.AsSpan(start, length).ToArray());
        }
    }

    private Batch Take(int[] indices)
    {
        using var scope = NewDisposeScope();
        var frames = indices.Select(Load).ToArray();
        var inputs = stack(frames, 1).MoveToOuterDisposeScope();
        var labels = tensor(indices.Select(i => _labels[i]).ToArray(), ScalarType.Int64).MoveToOuterDisposeScope();
        return new Batch(inputs, labels);
    }
}
