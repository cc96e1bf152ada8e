using Cortex.Spec;

namespace Cortex.Validation;

/// <summary>Checks of the <c>blocks</c> connector: block sizes that add up, entries inside the block grid, probabilities and delays.</summary>
public sealed partial class SpecValidator
{
    // A malformed generated connectome could list 10⁵ bad entries; the first few say what is wrong.
    private const int MaxBlockEntryErrors = 10;

    private void CheckBlocks(BlockConnector blocks, int sourceSize, int targetSize, string path, double dt)
    {
        CheckBlockSizes(blocks.SourceBlocks, sourceSize, "source", $"{path}.source_blocks");
        CheckBlockSizes(blocks.TargetBlocks, targetSize, "target", $"{path}.target_blocks");
        var seen = new HashSet<(int, int)>();
        var errors = 0;
        for (var i = 0; i < blocks.Entries.Count && errors < MaxBlockEntryErrors; i++)
        {
            var (entry, at) = (blocks.Entries[i], $"{path}.entries[{i}]");
            var before = _errors.Count;
            if (entry.Target < 0 || entry.Target >= blocks.TargetBlocks.Count) Error(at, $"target block must be in [0, {blocks.TargetBlocks.Count - 1}], got {entry.Target}");
            if (entry.Source < 0 || entry.Source >= blocks.SourceBlocks.Count) Error(at, $"source block must be in [0, {blocks.SourceBlocks.Count - 1}], got {entry.Source}");
            if (!(entry.P >= 0 && entry.P <= 1)) Error(at, $"p must be between 0 and 1, got {entry.P}");
            if (entry.DelayMs is { } delay)
            {
                if (!double.IsFinite(delay) || delay < dt * 0.5) Error(at, $"delay must be at least one time step ({dt} ms), got {delay} ms");
                else if (Math.Round(delay / dt) > MaxDelaySteps) Error(at, $"delay must be at most {MaxDelaySteps} steps ({MaxDelaySteps * dt:0.###} ms at dt = {dt} ms), got {delay} ms");
            }
            if (!seen.Add((entry.Target, entry.Source))) Error(at, $"lists block pair (target {entry.Target}, source {entry.Source}) a second time");
            if (_errors.Count > before) errors++;
        }
        if (errors == MaxBlockEntryErrors) Error($"{path}.entries", $"stopped checking after {MaxBlockEntryErrors} bad entries");
    }

    private void CheckBlockSizes(IReadOnlyList<int> sizes, int populationSize, string side, string path)
    {
        long total = 0;
        for (var b = 0; b < sizes.Count; b++)
        {
            if (sizes[b] < 0) Error($"{path}[{b}]", $"must be >= 0, got {sizes[b]}");
            total += Math.Max(0, sizes[b]);
        }
        if (total != populationSize) Error(path, $"the {side} block sizes add up to {total}, but the {side} population has {populationSize} neurons");
    }
}
