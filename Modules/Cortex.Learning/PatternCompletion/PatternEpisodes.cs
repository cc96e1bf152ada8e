using Cortex.Randomness;
using static TorchSharp.torch;

namespace Cortex.Learning.PatternCompletion;

/// <summary>
/// Draws pattern-completion episodes. Episode k of a stream comes from its own xoshiro stream keyed by
/// (seed, stream, k), so it is the same whatever the batch size, and the plastic network and its control see
/// the same episodes. Training and evaluation use different streams, so evaluation episodes are never trained on.
/// </summary>
public sealed class PatternEpisodes
{
    /// <summary>The stream of training episodes.</summary>
    public const long TrainingStream = 0;

    /// <summary>The stream of held-out evaluation episodes.</summary>
    public const long EvaluationStream = 1;

    /// <summary>Keeps these streams apart from the simulator's and the data shuffles ("patt" in ASCII).</summary>
    private const StreamDomain PatternDomain = (StreamDomain)0x7061_7474;

    private readonly ulong _seed;
    private readonly long _stream;

    /// <summary>Episodes of <paramref name="task"/> from stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public PatternEpisodes(PatternCompletionTask task, ulong seed, long stream)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Validate();
        Task = task;
        _seed = seed;
        _stream = stream;
    }

    /// <summary>The task the episodes follow.</summary>
    public PatternCompletionTask Task { get; }

    /// <summary>Episodes <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of the stream, as float32 tensors.</summary>
    public PatternEpisodeBatch Draw(long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int steps = Task.Steps, size = Task.PatternSize;
        if ((long)steps * count * size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{count} episodes of {steps} steps × {size} bits do not fit in one array; draw fewer at a time");
        var inputs = new float[steps * count * size];
        var targets = new float[count * size];
        var missing = new float[count * size];
        for (var b = 0; b < count; b++)
            Fill(first + b, b, count, inputs, targets.AsSpan(b * size, size), missing.AsSpan(b * size, size));
        return new PatternEpisodeBatch(
            tensor(inputs, [steps, count, size]),
            tensor(targets, [count, size]),
            tensor(missing, [count, size]));
    }

    /// <summary>Writes episode <paramref name="episode"/> into column <paramref name="b"/> of the batch.</summary>
    private void Fill(long episode, int b, int count, float[] inputs, Span<float> target, Span<float> missing)
    {
        var random = SeededRandom.Create(_seed, PatternDomain, _stream, episode);
        int size = Task.PatternSize, patternCount = Task.Patterns;
        var gain = (float)Task.InputGain;
        var patterns = new float[patternCount][];
        for (var p = 0; p < patternCount; p++)
        {
            patterns[p] = new float[size];
            for (var i = 0; i < size; i++) patterns[p][i] = random.NextInt(2) == 0 ? -1f : 1f;
        }
        var tested = patterns[random.NextInt(patternCount)];
        tested.CopyTo(target);
        // Exactly MissingBits bits, chosen as the first entries of a random permutation.
        var order = Permutation(ref random, size);
        for (var k = 0; k < Task.MissingBits; k++) missing[order[k]] = 1;

        var t = 0;
        for (var cycle = 0; cycle < Task.Cycles; cycle++)
        {
            foreach (var p in Permutation(ref random, patternCount))
            {
                for (var s = 0; s < Task.PresentationSteps; s++, t++) Write(inputs, t, b, count, size, patterns[p], gain, []);
                t += Task.GapSteps;   // the gap stays zero
            }
        }
        for (var s = 0; s < Task.TestSteps; s++, t++) Write(inputs, t, b, count, size, tested, gain, missing);
    }

    /// <summary>Pattern × gain at step <paramref name="t"/> of episode column <paramref name="b"/>, with the missing bits left at zero.</summary>
    private static void Write(float[] inputs, int t, int b, int count, int size, float[] pattern, float gain, ReadOnlySpan<float> missing)
    {
        var row = inputs.AsSpan(((t * count) + b) * size, size);
        for (var i = 0; i < size; i++) row[i] = missing.IsEmpty || missing[i] == 0 ? pattern[i] * gain : 0;
    }

    private static int[] Permutation(ref SeededRandom random, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
