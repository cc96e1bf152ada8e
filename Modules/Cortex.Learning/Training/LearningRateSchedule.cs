namespace Cortex.Learning.Training;

/// <summary>How the learning rate moves over a run.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The initial rate throughout.</summary>
    Constant,

    /// <summary>Cosine annealing from the initial rate to the floor over all steps of the run (Loshchilov &amp; Hutter 2017, no restarts).</summary>
    Cosine,
}

/// <summary>
/// The learning rate at optimiser step t in closed form, so a resumed run continues on exactly the same
/// curve without a scheduler state to save: cosine lr_t = lr_min + ½(lr₀ − lr_min)(1 + cos(π t / T_total)).
/// </summary>
public sealed class LearningRateSchedule
{
    /// <summary>Creates the schedule over <paramref name="totalSteps"/> optimiser steps.</summary>
    public LearningRateSchedule(LearningRateScheduleKind kind, double initialRate, double minRate, long totalSteps)
    {
        if (!(initialRate > 0) || !double.IsFinite(initialRate)) throw new ArgumentOutOfRangeException(nameof(initialRate), initialRate, "the learning rate must be positive and finite");
        if (!(minRate >= 0) || minRate > initialRate) throw new ArgumentOutOfRangeException(nameof(minRate), minRate, $"the minimum learning rate must be in [0, {initialRate}]");
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        Kind = kind;
        InitialRate = initialRate;
        MinRate = minRate;
        TotalSteps = totalSteps;
    }

    /// <summary>Constant or cosine.</summary>
    public LearningRateScheduleKind Kind { get; }

    /// <summary>lr₀.</summary>
    public double InitialRate { get; }

    /// <summary>lr_min (cosine only).</summary>
    public double MinRate { get; }

    /// <summary>T_total: the optimiser steps of the whole run.</summary>
    public long TotalSteps { get; }

    /// <summary>The rate for step <paramref name="step"/> (0-based; steps past the end stay at the floor).</summary>
    public double RateAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (Kind == LearningRateScheduleKind.Constant) return InitialRate;
        var progress = Math.Min(step, TotalSteps) / (double)TotalSteps;
        return MinRate + (0.5 * (InitialRate - MinRate) * (1 + Math.Cos(Math.PI * progress)));
    }
}
