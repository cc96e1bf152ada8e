using System.Diagnostics;
using System.Globalization;
using Cortex.Recording;
using Parquet.Utils;

namespace Cortex.Recording.KillTarget;

/// <summary>
/// <c>KillTarget merge-bench DIR ROWS_PER_FLUSH FLUSHES</c>: records FLUSHES flushes of spike and state rows, copies the
/// parts twice, then times, in this one process, Parquet.Net's decode/re-encode merge (the merge before the byte copy)
/// and <see cref="ParquetPartMerger"/> on the same parts, and finally the sinks' real close. Prints seconds per step.
/// </summary>
internal static class MergeBenchmark
{
    public static void Run(string directory, int rows, int flushes)
    {
        var spikes = new ParquetSpikeSink(directory, int.MaxValue);
        var state = new ParquetStateSink(directory, int.MaxValue);
        spikes.Open(KillTargetData.Layout);
        state.Open(KillTargetData.Layout);
        var spikeRows = new SpikeRecord[rows];
        var stateRows = new StateSample[rows];
        long next = 0;
        var clock = Stopwatch.StartNew();
        for (var k = 1; k <= flushes; k++)
        {
            for (var r = 0; r < rows; r++, next++)
            {
                spikeRows[r] = KillTargetData.Spike(next);
                stateRows[r] = KillTargetData.Sample(next);
            }
            spikes.WriteSpikes(spikeRows);
            state.WriteSamples(stateRows);
            spikes.Flush();
            state.Flush();
        }
        Report("write (both files)", clock);
        var files = new[] { Path.Combine(directory, ParquetSpikeSink.FileName), Path.Combine(directory, ParquetStateSink.FileName) };
        var copies = files.ToDictionary(f => f, f => Copy(ParquetParts.Folder(f), f + ".bench"));

        clock.Restart();
        foreach (var file in files)
        {
            using var output = File.Create(file + ".old");
            Task.Run(async () =>
            {
                // The old merge took the sink's metadata; part 0 holds exactly that.
                Dictionary<string, string> metadata;
                var first = await Parquet.ParquetReader.CreateAsync(Parts(copies[file])[0]).ConfigureAwait(false);
                await using (first.ConfigureAwait(false))
                {
                    metadata = new Dictionary<string, string>(first.CustomMetadata, StringComparer.Ordinal);
                }
                var merger = new FileMerger(Parts(copies[file]).Select(p => new FileInfo(p)));
                await using (merger.ConfigureAwait(false))
                {
                    await merger.MergeFilesAsync(output, null, default, metadata).ConfigureAwait(false);
                }
            }).GetAwaiter().GetResult();
            output.Flush(flushToDisk: true);
        }
        Report("old merge: Parquet.Net decode/re-encode (both files)", clock);

        clock.Restart();
        foreach (var file in files)
        {
            using var output = File.Create(file + ".new");
            ParquetPartMerger.Merge(Parts(copies[file]), output);
            output.Flush(flushToDisk: true);
        }
        Report("new merge: byte copy (both files)", clock);

        clock.Restart();
        spikes.Complete();
        state.Complete();
        Report("close (Complete, new merge + rename + remove parts, both files)", clock);
        foreach (var file in files)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}: old {new FileInfo(file + ".old").Length} bytes, new {new FileInfo(file + ".new").Length} bytes, closed {new FileInfo(file).Length} bytes"));
        }
    }

    private static List<string> Parts(string folder) => Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal).ToList();

    private static string Copy(string folder, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        return target;
    }

    private static void Report(string what, Stopwatch clock) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,8:F2} s  {what}"));
}
