namespace Cortex.Cognition.ActionSelection;

/// <summary>One interval of constant cortical saliences.</summary>
/// <param name="StartMs">When the interval starts (ms after the baseline).</param>
/// <param name="Saliences">Salience of each action: the firing rate (Hz) of its cortical input.</param>
public sealed record SaliencePhase(double StartMs, IReadOnlyList<double> Saliences)
{
    /// <summary>The most salient action, or null when two or more share the highest salience (no clear winner).</summary>
    public int? Winner
    {
        get
        {
            var best = Saliences.Max();
            var top = Enumerable.Range(0, Saliences.Count).Where(k => Saliences[k] == best).ToList();
            return top.Count == 1 ? top[0] : null;
        }
    }
}
