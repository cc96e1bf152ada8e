using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Cortex.Benchmarks;

/// <summary>
/// A STREAM-like triad, a[i] = b[i] + s·c[i], over three arrays of doubles (64 MiB each by default),
/// with 1 and 2 threads, best of 10 repetitions. Bandwidth is counted the STREAM way: 3 × array bytes
/// moved per repetition (two reads, one write; the write-allocate read is not counted), in GB/s of
/// 10^9 bytes. Usage: <c>stream [--mb 64] [--reps 10] [--threads 1 2] [--out FILE.json]</c>.
/// </summary>
internal static class StreamTriad
{
    private const double Scalar = 3.0;
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Runs the triad; a bad option prints a usage line and returns 2.</summary>
    public static int Run(string[] args)
    {
        try
        {
            return Measure(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"stream: {e.Message}");
            Console.Error.WriteLine(UsageLine);
            return 2;
        }
    }

    private const string UsageLine = "usage: stream [--mb 64] [--reps 10] [--threads 1 2] [--out FILE.json]";

    private static int Measure(string[] args)
    {
        var megabytes = 64;
        var repetitions = 10;
        var threadCounts = new List<int>();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mb": megabytes = ParsePositive(args, ++i, "--mb"); break;
                case "--reps": repetitions = ParsePositive(args, ++i, "--reps"); break;
                case "--out": output = i + 1 < args.Length ? args[++i] : throw Usage("--out needs a file name"); break;
                case "--threads":
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        threadCounts.Add(ParsePositive(args, ++i, "--threads"));
                    break;
                case "-h" or "--help":
                    Console.WriteLine(UsageLine);
                    return 0;
                default: throw Usage($"unknown option '{args[i]}'");
            }
        }
        if (threadCounts.Count == 0) threadCounts.AddRange([1, 2]);

        var length = (long)megabytes * 1024 * 1024 / sizeof(double);
        if (length > Array.MaxLength) throw Usage("--mb is too large for one array");
        var a = new double[length];
        var b = new double[length];
        var c = new double[length];
        // Touch every page before timing.
        Array.Fill(a, 0.0);
        Array.Fill(b, 2.0);
        Array.Fill(c, 0.5);

        var bytesPerRepetition = 3.0 * length * sizeof(double);
        Console.WriteLine(FormattableString.Invariant(
            $"STREAM-like triad a[i] = b[i] + {Scalar}*c[i]: 3 arrays x {megabytes} MiB (float64), best of {repetitions}; {Environment.ProcessorCount} logical CPUs"));
        var rows = new List<StreamRow>();
        foreach (var threads in threadCounts)
        {
            var times = Measure(a, b, c, threads, repetitions);
            Verify(a);
            var best = times.Min();
            var sorted = times.Order().ToArray();
            var median = sorted[sorted.Length / 2];
            var row = new StreamRow(threads, bytesPerRepetition / best / 1e9, bytesPerRepetition / median / 1e9, best, median);
            rows.Add(row);
            Console.WriteLine(FormattableString.Invariant(
                $"  {threads} thread{(threads == 1 ? " " : "s")}  best {row.BestGbPerS,7:0.00} GB/s  median {row.MedianGbPerS,7:0.00} GB/s  ({best * 1e3:0.0} ms per triad)"));
        }

        if (output is not null)
        {
            var result = new
            {
                benchmark = "stream_triad",
                element = "float64",
                array_bytes = length * sizeof(double),
                arrays = 3,
                bytes_per_repetition = bytesPerRepetition,
                repetitions,
                logical_cpus = Environment.ProcessorCount,
                rows = rows.Select(r => new
                {
                    threads = r.Threads,
                    best_gb_per_s = r.BestGbPerS,
                    median_gb_per_s = r.MedianGbPerS,
                    best_seconds = r.BestSeconds,
                    median_seconds = r.MedianSeconds,
                }),
            };
            File.WriteAllText(output, JsonSerializer.Serialize(result, JsonOptions));
            Console.WriteLine($"wrote {output}");
        }
        return 0;
    }

    /// <summary>Times <paramref name="repetitions"/> triads, each split into equal slices over <paramref name="threads"/> threads.</summary>
    private static double[] Measure(double[] a, double[] b, double[] c, int threads, int repetitions)
    {
        var times = new double[repetitions];
        // Slice boundaries on whole vectors, so every slice but the last has no scalar tail.
        var width = Vector<double>.Count;
        var slice = (a.LongLength / threads + width - 1) / width * width;
        using var barrier = new Barrier(threads);
        var clock = new Stopwatch();
        void Worker(object? state)
        {
            var id = (int)state!;
            var start = Math.Min(id * slice, a.LongLength);
            var count = (int)(Math.Min(start + slice, a.LongLength) - start);
            for (var r = 0; r < repetitions; r++)
            {
                barrier.SignalAndWait();
                if (id == 0) clock.Restart();
                Triad(a.AsSpan((int)start, count), b.AsSpan((int)start, count), c.AsSpan((int)start, count));
                barrier.SignalAndWait();
                if (id == 0) times[r] = clock.Elapsed.TotalSeconds;
            }
        }
        var workers = Enumerable.Range(1, threads - 1).Select(id =>
        {
            var thread = new Thread(Worker) { IsBackground = true, Name = $"triad-{id}" };
            thread.Start(id);
            return thread;
        }).ToList();
        Worker(0);
        foreach (var thread in workers) thread.Join();
        return times;
    }

    private static void Triad(Span<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var vc = MemoryMarshal.Cast<double, Vector<double>>(c);
        var s = new Vector<double>(Scalar);
        for (var k = 0; k < va.Length; k++) va[k] = vb[k] + s * vc[k];
        for (var i = va.Length * Vector<double>.Count; i < a.Length; i++) a[i] = b[i] + Scalar * c[i];
    }

    private static void Verify(double[] a)
    {
        const double expected = 2.0 + Scalar * 0.5;
        for (var i = 0; i < a.Length; i++)
            if (a[i] != expected) throw new InvalidOperationException($"triad result wrong at {i}: {a[i]} instead of {expected}");
    }

    private static int ParsePositive(string[] args, int index, string option) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Usage($"{option} needs a positive integer");

    private static UsageException Usage(string message) => new(message);

#pragma warning disable CA1032, CA1064 // private, thrown and caught only here
    private sealed class UsageException(string message) : Exception(message);
#pragma warning restore CA1032, CA1064

    private sealed record StreamRow(int Threads, double BestGbPerS, double MedianGbPerS, double BestSeconds, double MedianSeconds);
}
