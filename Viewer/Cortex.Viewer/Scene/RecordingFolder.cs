using Cortex.Recording;

namespace Cortex.Viewer.Scene;

/// <summary>
/// Opens the files of a run's output directory for the viewer and turns every way they can be missing or broken
/// into a <see cref="ViewerUnavailableException"/> whose one line says what is missing and how to get it.
/// </summary>
public static class RecordingFolder
{
    /// <summary>Reads <c>layout.parquet</c>.</summary>
    public static NeuronLayout ReadLayout(string outputDirectory)
    {
        RequireDirectory(outputDirectory);
        var file = Path.Combine(outputDirectory, ParquetLayoutFile.FileName);
        if (!File.Exists(file))
        {
            throw new ViewerUnavailableException(
                $"{file} is missing: the recording has no neuron positions; record it again with this version of cortex (cortex run SPEC.json --out {outputDirectory}), which writes layout.parquet beside spikes.parquet");
        }
        try
        {
            return ParquetLayoutFile.Read(file);
        }
        catch (InvalidDataException e)
        {
            throw new ViewerUnavailableException($"{file} is unreadable (truncated or not a layout file): record the run again ({e.Message})", e);
        }
    }

    /// <summary>Reads <c>spikes.parquet</c> into a timeline over <paramref name="scene"/>'s neurons.</summary>
    public static ActivityTimeline ReadSpikes(string outputDirectory, BrainScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        RequireDirectory(outputDirectory);
        var file = Path.Combine(outputDirectory, ParquetSpikeSink.FileName);
        if (!File.Exists(file))
        {
            throw new ViewerUnavailableException($"{file} is missing: run the network with spike recording on (cortex run SPEC.json --out {outputDirectory})");
        }
        IReadOnlyList<SpikeRow> rows;
        try
        {
            rows = ParquetRecordingReader.ReadSpikeRows(file);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or Parquet.ParquetException)
        {
            throw new ViewerUnavailableException($"{file} is unreadable (truncated or not a spikes file): record the run again ({e.Message})", e);
        }
        var timeline = new ActivityTimeline(scene.NeuronCount);
        var times = new double[rows.Count];
        var neurons = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var index = scene.NeuronIndex(row.Population, row.Neuron);
            if (index < 0)
            {
                throw new ViewerUnavailableException(
                    $"{file}: neuron {row.Neuron} of population '{row.Population}' is not in {ParquetLayoutFile.FileName}: the two files come from different runs; record the run again");
            }
            times[i] = row.TimeMs;
            neurons[i] = index;
        }
        timeline.AddRange(times, neurons);
        return timeline;
    }

    private static void RequireDirectory(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (!Directory.Exists(outputDirectory))
        {
            throw new ViewerUnavailableException($"{outputDirectory}: no such recording directory; record one with cortex run SPEC.json --out {outputDirectory}");
        }
    }
}
