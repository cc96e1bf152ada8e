using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Scene;
using Cortex.Viewer.Tests.Support;
using Xunit;

namespace Cortex.Viewer.Tests.Scene;

/// <summary>Each way a recording can be unusable gives one line naming the file and how to get a good one.</summary>
public class RecordingFolderTests
{
    [Fact]
    public void AMissingDirectorySaysHowToRecordOne()
    {
        var e = Assert.Throws<ViewerUnavailableException>(() => BrainScene.Load("/nonexistent/cortex-run"));
        Assert.Contains("no such recording directory", e.Message, StringComparison.Ordinal);
        Assert.Contains("cortex run", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ARecordingWithoutLayoutSaysPositionsAreMissing()
    {
        using var dir = new TempFolder();
        Recordings.WriteSpikes(dir.Path, 3, (0, 1.0));
        var e = Assert.Throws<ViewerUnavailableException>(() => BrainScene.Load(dir.Path));
        Assert.Contains("layout.parquet is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("no neuron positions", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TruncatedFilesAreReportedAsUnreadable()
    {
        using var dir = new TempFolder();
        Recordings.Write(dir.Path, [Vector3.Zero, Vector3.One], (0, 1.0), (1, 2.0));
        var spikes = dir.File(ParquetSpikeSink.FileName);
        var bytes = File.ReadAllBytes(spikes);
        File.WriteAllBytes(spikes, bytes[..(bytes.Length / 2)]);
        var scene = BrainScene.Load(dir.Path);
        var e = Assert.Throws<ViewerUnavailableException>(() => RecordingFolder.ReadSpikes(dir.Path, scene));
        Assert.Contains("spikes.parquet is unreadable", e.Message, StringComparison.Ordinal);

        var layout = dir.File(ParquetLayoutFile.FileName);
        bytes = File.ReadAllBytes(layout);
        File.WriteAllBytes(layout, bytes[..(bytes.Length - 10)]);
        e = Assert.Throws<ViewerUnavailableException>(() => BrainScene.Load(dir.Path));
        Assert.Contains("layout.parquet is unreadable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpikesOfNeuronsNotInTheLayoutAreRefused()
    {
        using var dir = new TempFolder();
        Recordings.Write(dir.Path, [Vector3.Zero]);
        Recordings.WriteSpikes(dir.Path, 5, (4, 1.0));
        var scene = BrainScene.Load(dir.Path);
        var e = Assert.Throws<ViewerUnavailableException>(() => RecordingFolder.ReadSpikes(dir.Path, scene));
        Assert.Contains("neuron 4 of population 'pop' is not in layout.parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpikesMapToSceneNeuronsByPopulationOffset()
    {
        using var dir = new TempFolder();
        ParquetLayoutFile.Write(dir.Path, new NeuronLayout(
            [new PopulationLayout("a", PositionSource.Spec, new float[6]), new PopulationLayout("pop", PositionSource.Spec, new float[9])], []));
        Recordings.WriteSpikes(dir.Path, 3, (2, 7.0));
        var scene = BrainScene.Load(dir.Path);
        var timeline = RecordingFolder.ReadSpikes(dir.Path, scene);
        var b = new float[scene.NeuronCount];
        timeline.Brightness(7, 1, b);
        Assert.Equal([0f, 0f, 0f, 0f, 1f], b);
    }
}
