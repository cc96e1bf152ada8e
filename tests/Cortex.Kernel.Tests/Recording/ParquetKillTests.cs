using System.Diagnostics;
using System.Globalization;
using Cortex.Recording;
using Cortex.Recording.KillTarget;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// A recording process killed with <c>kill -9</c> inside a Parquet append (at a chosen byte of the part being written,
/// or just before its rename) and at random moments of a run with frequent flushes and a final merge: afterwards every
/// file is readable, by our reader and by Apache Arrow's (ParquetSharp), and holds exactly the rows flushed before, each
/// with the value the kill target's closed form gives.
/// </summary>
public sealed class ParquetKillTests : IDisposable
{
    private const int Rows = 3000;
    private readonly string _dir = RecordingTestData.NewTempDir();

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string, int, string> PausePoints() => new()
    {
        // sink, part (flush) being written, byte at which the writer stops ("end": all bytes written, before the rename)
        { "spikes", 1, "0" },
        { "spikes", 1, "4" },
        { "spikes", 2, "3000" },
        { "spikes", 3, "end" },
        { "state", 1, "1" },
        { "state", 2, "200" },
        { "state", 3, "end" },
    };

    [Theory]
    [MemberData(nameof(PausePoints))]
    public void KilledInsideAnAppend_KeepsEveryRowFlushedBefore(string sink, int part, string pauseByte)
    {
        var output = Run([_dir, Rows.ToString(CultureInfo.InvariantCulture), "5", sink, part.ToString(CultureInfo.InvariantCulture), pauseByte], killWhen: line => line == "paused");

        Assert.True(output.Contains("paused"), $"the target did not pause: {string.Join(" | ", output)}");
        // The paused sink holds the flushes before `part`; spikes flush before state, so a pause in the state file comes
        // after the spikes of `part` were flushed.
        var spikeFlushes = sink == "spikes" ? part - 1 : part;
        var stateFlushes = part - 1;
        CheckRecording(spikeFlushes * (long)Rows, stateFlushes * (long)Rows);
    }

    [Fact]
    public void KilledAtRandomMoments_IncludingTheMerge_KeepsWholeFlushes()
    {
#pragma warning disable CA5394 // Kill timing only, seeded.
        var random = new Random(18);
        for (var kill = 0; kill < 6; kill++)
        {
            var dir = Path.Combine(_dir, kill.ToString(CultureInfo.InvariantCulture));
            var flushes = 8;
            // Kill after a random number of "end" lines and a random spin, so kills land in appends, between them and in
            // the final merge.
            var killAfter = random.Next(0, flushes + 1);
            var spin = random.Next(0, 4000);
            var output = Run([dir, "400", flushes.ToString(CultureInfo.InvariantCulture)], line =>
            {
                if (line == "done" || line == $"end {killAfter}" || (killAfter == 0 && line == "begin 1"))
                {
                    Thread.SpinWait(spin * 100);
                    return true;
                }
                return false;
            });
            var ends = output.Count(l => l.StartsWith("end ", StringComparison.Ordinal));
            var begins = output.Count(l => l.StartsWith("begin ", StringComparison.Ordinal));
            // Whole flushes only: at least those that ended, at most those that began (spikes are flushed before state).
            var spikes = ParquetRecordingReader.ReadSpikeRows(dir).Count;
            var state = ParquetRecordingReader.ReadStateRows(dir).Count;
            foreach (var rows in (int[])[spikes, state])
            {
                Assert.True(rows % 400 == 0 && rows / 400 >= ends && rows / 400 <= begins, $"{rows} rows after {ends} flushes ended and {begins} began");
            }
            Assert.True(state <= spikes);
            CheckRecording(spikes, state, dir);
        }
#pragma warning restore CA5394
    }

    /// <summary>Runs the kill target, kills it (SIGKILL) when <paramref name="killWhen"/> says so, returns every line it printed.</summary>
    private static List<string> Run(string[] arguments, Func<string, bool> killWhen)
    {
        var target = Path.Combine(AppContext.BaseDirectory, "Cortex.Recording.KillTarget.dll");
        var start = new ProcessStartInfo("dotnet", [target, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            lines.Add(line);
            if (killWhen(line))
            {
                process.Kill(); // SIGKILL on Unix: no finaliser, no flush, no merge
                break;
            }
        }
        // What it printed before it died: the tail of the pipe.
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            lines.Add(line);
        }
        process.WaitForExit();
        Assert.True(lines.Count > 0, $"the kill target printed nothing: {stderr.Result}");
        return lines;
    }

    private void CheckRecording(long spikeRows, long stateRows, string? dir = null)
    {
        dir ??= _dir;
        var spikesFile = Path.Combine(dir, ParquetSpikeSink.FileName);
        var stateFile = Path.Combine(dir, ParquetStateSink.FileName);
        var layout = KillTargetData.Layout;

        var ours = ParquetRecordingReader.ReadSpikes(dir, layout);
        var arrow = ArrowParquet.ReadSpikes(spikesFile);
        Assert.Equal(spikeRows, ours.Count);
        Assert.Equal(spikeRows, arrow.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var expected = KillTargetData.Spike(i);
            Assert.Equal(expected, ours[i]);
            Assert.Equal((layout.Populations[expected.Population], expected.Neuron, expected.Step * layout.Dt), arrow[i]);
        }

        var samples = ParquetRecordingReader.ReadSamples(dir, layout);
        var state = ArrowParquet.ReadState(stateFile);
        Assert.Equal(stateRows, samples.Count);
        Assert.Equal(stateRows, state.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var expected = KillTargetData.Sample(i);
            Assert.Equal(expected, samples[i]);
            Assert.Equal(("exc", "v", expected.Neuron, expected.Step * layout.Dt, expected.Value, "mV"), state[i]);
        }
        // Even a recording killed before its first flush names its populations (part 0 carries the metadata).
        Assert.Equal("[\"exc\",\"inh\"]", ArrowParquet.Metadata(spikesFile)[ParquetSpikeSink.PopulationsKey]);
    }
}
