namespace Cortex.Learning.Plasticity;

/// <summary>The settings of a <see cref="PlasticRecurrentLayer"/> besides its sizes.</summary>
public sealed record PlasticRecurrentOptions
{
    /// <summary>The initial plasticity rate η, in (0, 1] (learned from there; the paper starts at 0.01).</summary>
    public double Eta { get; init; } = 0.01;

    /// <summary>The trace update.</summary>
    public HebbianRule Rule { get; init; } = HebbianRule.Decaying;

    /// <summary>
    /// False for the non-plastic control: α ≡ 0 (no α or η parameters, no trace), leaving an ordinary
    /// recurrent network with the same neurons and fixed weights.
    /// </summary>
    public bool Plastic { get; init; } = true;

    /// <summary>w and α start as this scale times standard normal draws (0.01 in the paper's code).</summary>
    public double InitScale { get; init; } = 0.01;

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Eta is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "eta must be in (0, 1]: it is the fraction of the trace replaced per step");
        if (!Enum.IsDefined(Rule))
            throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "unknown Hebbian rule");
        if (!(InitScale >= 0) || double.IsInfinity(InitScale))
            throw new ArgumentOutOfRangeException(nameof(InitScale), InitScale, "init scale must be a finite number >= 0");
    }
}
