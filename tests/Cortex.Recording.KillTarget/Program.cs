using System.Globalization;
using Cortex.Recording;
using Cortex.Recording.KillTarget;

// Usage: KillTarget DIR ROWS_PER_FLUSH FLUSHES [PAUSE_SINK PAUSE_PART PAUSE_BYTE]
// Records FLUSHES flushes of ROWS_PER_FLUSH spike and state rows to DIR (spikes.parquet, state.parquet), printing
// "begin k" before flush k and "end k" after it, then completes (merges) the files and prints "done". With a pause point,
// the PAUSE_SINK ("spikes" or "state") blocks inside the write of part PAUSE_PART at byte PAUSE_BYTE ("end": after its
// last byte, before the rename) and prints "paused". The kill tests kill -9 it.
// KillTarget merge-bench DIR ROWS_PER_FLUSH FLUSHES: times the old and the new merge of the same parts (MergeBenchmark).
if (args[0] == "merge-bench")
{
    MergeBenchmark.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
    return;
}
var directory = args[0];
var rows = int.Parse(args[1], CultureInfo.InvariantCulture);
var flushes = int.Parse(args[2], CultureInfo.InvariantCulture);
var pauseSink = args.Length > 3 ? args[3] : null;
var pausePart = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : -1;
var pauseByte = args.Length > 5 ? (args[5] == "end" ? long.MaxValue : long.Parse(args[5], CultureInfo.InvariantCulture)) : -1;

Func<Stream, Stream>? Wrap(string sink)
{
    if (sink != pauseSink)
    {
        return null;
    }
    var part = 0;
    return stream => part++ == pausePart ? new PausingStream(stream, pauseByte) : stream;
}

var spikes = new ParquetSpikeSink(directory, int.MaxValue, Wrap("spikes"));
var state = new ParquetStateSink(directory, int.MaxValue, Wrap("state"));
spikes.Open(KillTargetData.Layout);
state.Open(KillTargetData.Layout);
var spikeRows = new SpikeRecord[rows];
var stateRows = new StateSample[rows];
long next = 0;
for (var k = 1; k <= flushes; k++)
{
    for (var r = 0; r < rows; r++, next++)
    {
        spikeRows[r] = KillTargetData.Spike(next);
        stateRows[r] = KillTargetData.Sample(next);
    }
    spikes.WriteSpikes(spikeRows);
    state.WriteSamples(stateRows);
    Console.Out.WriteLine($"begin {k}");
    Console.Out.Flush();
    spikes.Flush();
    state.Flush();
    Console.Out.WriteLine($"end {k}");
    Console.Out.Flush();
}
spikes.Complete();
state.Complete();
Console.Out.WriteLine("done");
