using Cortex.Learning.Events;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class EventDatasetTests
{
    /// <summary>An N-MNIST-shaped folder: class c holds c + 1 recordings, recording k has k + 1 ON events at (c, k).</summary>
    private static string MakeDataset()
    {
        var root = Directory.CreateTempSubdirectory("nmnist").FullName;
        for (var c = 0; c < 3; c++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, c.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
            for (var k = 0; k <= c; k++)
            {
                var bytes = Enumerable.Range(0, k + 1).SelectMany(i => AddressEventFileTests.Record(c, k, true, i * 10)).ToArray();
                File.WriteAllBytes(Path.Combine(folder, $"{k:00000}.bin"), bytes);
            }
        }
        return root;
    }

    [TorchFact]
    public void Batches_are_time_first_frames_with_matching_labels()
    {
        var root = MakeDataset();
        try
        {
            var dataset = new EventDataset(root, new EventFrameOptions(Bins: 4));
            Assert.Equal(6, dataset.Count);
            Assert.Equal(3, dataset.ClassCount);
            Assert.Equal([0L, 1, 1, 2, 2, 2], dataset.Labels);
            var seen = 0;
            foreach (var batch in dataset.Batches(4, seed: 1, epoch: 0))
            {
                using (batch)
                {
                    var size = (int)batch.Labels.shape[0];
                    Assert.Equal([4L, size, 2, 34, 34], batch.Inputs.shape);
                    for (var b = 0; b < size; b++)
                    {
                        // All events of a class-c recording sit in column c of the ON channel.
                        var label = batch.Labels[b].item<long>();
                        var onColumn = batch.Inputs[.., b, 1, .., (int)label].sum().item<float>();
                        Assert.Equal(batch.Inputs[.., b].sum().item<float>(), onColumn);
                        Assert.True(onColumn >= 1);
                    }
                    seen += size;
                }
            }
            Assert.Equal(6, seen);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TorchFact]
    public void Order_is_seeded_and_drop_last_skips_the_short_batch()
    {
        var root = MakeDataset();
        try
        {
            var dataset = new EventDataset(root);
            long[] Labels(ulong seed, int epoch) => [.. dataset.Batches(6, seed, epoch).SelectMany(b => { using (b) return b.Labels.data<long>().ToArray(); })];
            Assert.Equal(Labels(5, 1), Labels(5, 1));
            Assert.Equal(2, dataset.Batches(4, 1, 0, dropLast: false).Count());
            Assert.Single(dataset.Batches(4, 1, 0, dropLast: true));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Missing_directory_and_misnamed_folders_are_clear_errors()
    {
        Assert.Contains("/nonexistent/Train", Assert.Throws<DirectoryNotFoundException>(() => new EventDataset("/nonexistent/Train")).Message, StringComparison.Ordinal);
        var root = Directory.CreateTempSubdirectory("nmnist").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "seven"));
            Assert.Contains("seven", Assert.Throws<InvalidDataException>(() => new EventDataset(root)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
