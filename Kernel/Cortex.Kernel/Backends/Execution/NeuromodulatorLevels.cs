using Cortex.Compilation;
using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>
/// The level of every neuromodulator at every population. Set or pulsed from outside between steps; at the end
/// of each step each level relaxes towards its baseline by its per-step factor (levels without a time constant hold).
/// Shared by the CPU backends so modulation means the same everywhere.
/// </summary>
public sealed class NeuromodulatorLevels
{
    private readonly IReadOnlyList<CompiledNeuromodulator> _modulators;
    private readonly int _populations;
    private readonly float[] _levels;

    /// <summary>Every level at its baseline.</summary>
    public NeuromodulatorLevels(CompiledNetwork network)
    {
        _modulators = network.Neuromodulators;
        _populations = network.Populations.Count;
        _levels = new float[_modulators.Count * _populations];
        for (var m = 0; m < _modulators.Count; m++)
            _levels.AsSpan(m * _populations, _populations).Fill(_modulators[m].Baseline);
    }

    /// <summary>The network's neuromodulators.</summary>
    public IReadOnlyList<CompiledNeuromodulator> Modulators => _modulators;

    /// <summary>The level of modulator <paramref name="modulator"/> at population <paramref name="population"/>.</summary>
    public float Get(int modulator, int population) => _levels[modulator * _populations + population];

    /// <summary>Sets the level at one population, or at all when <paramref name="population"/> is null.</summary>
    public void Set(int modulator, float level, int? population = null)
    {
        if (population is { } p) _levels[modulator * _populations + p] = level;
        else _levels.AsSpan(modulator * _populations, _populations).Fill(level);
    }

    /// <summary>Adds <paramref name="amount"/> (a pulse, e.g. a reward) at one population or all.</summary>
    public void Add(int modulator, float amount, int? population = null)
    {
        if (population is { } p) _levels[modulator * _populations + p] += amount;
        else foreach (ref var level in _levels.AsSpan(modulator * _populations, _populations)) level += amount;
    }

    /// <summary>The indices into <see cref="Modulators"/> of <paramref name="names"/> (a component's declared order).</summary>
    public int[] Map(IReadOnlyList<string> names) =>
        [.. names.Select(name => _modulators.FirstOrDefault(m => m.Name == name)?.Index
            ?? throw new InvalidOperationException($"neuromodulator '{name}' was not compiled into the network"))];

    /// <summary>Copies the levels at <paramref name="population"/> of the modulators in <paramref name="map"/> into <paramref name="into"/>.</summary>
    public void Gather(int population, ReadOnlySpan<int> map, Span<float> into)
    {
        for (var i = 0; i < map.Length; i++) into[i] = _levels[map[i] * _populations + population];
    }

    /// <summary>Relaxes every level one step towards its baseline.</summary>
    public void Relax()
    {
        for (var m = 0; m < _modulators.Count; m++)
        {
            var (baseline, decay) = (_modulators[m].Baseline, _modulators[m].DecayPerStep);
            if (decay == 1) continue;
            foreach (ref var level in _levels.AsSpan(m * _populations, _populations))
            {
                var excess = (level - baseline) * decay;
                // Below any effect the excess would linger as a subnormal float (slow arithmetic): it has relaxed.
                level = MathF.Abs(excess) < TraceMath.Floor ? baseline : baseline + excess;
            }
        }
    }

    /// <summary>Writes the levels for a snapshot.</summary>
    public void Save(BinaryWriter writer) => writer.WriteArray<float>(_levels);

    /// <summary>Reads the levels back.</summary>
    public void Load(BinaryReader reader) => reader.ReadArray<float>(_levels);
}
