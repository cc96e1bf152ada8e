using Cortex.Models;

namespace Cortex.Cognition.ActionSelection;

/// <summary>The action-selection task's parameters, typed: times in ms, saliences in Hz.</summary>
public sealed record ActionSelectionSettings
{
    public required int Actions { get; init; }
    public required int ChannelSize { get; init; }
    public required int Phases { get; init; }
    public required double PhaseMs { get; init; }
    public required double BinMs { get; init; }
    public required double WindowMs { get; init; }
    public required double BaselineMs { get; init; }
    public required double SettleMs { get; init; }
    public required double SalienceHigh { get; init; }
    public required double SalienceMid { get; init; }
    public required double SalienceLow { get; init; }
    public required double Dopamine { get; init; }
    public required double Threshold { get; init; }
    public required double Dt { get; init; }

    /// <summary>Bins after the baseline: the episode's steps.</summary>
    public int Bins => (int)Math.Round(Phases * PhaseMs / BinMs);

    /// <summary>Network steps per bin.</summary>
    public int StepsPerBin => Math.Max(1, (int)Math.Round(BinMs / Dt));

    /// <summary>Bins in the sliding window GPi rates are counted over.</summary>
    public int WindowBins => Math.Max(1, (int)Math.Round(WindowMs / BinMs));

    /// <summary>The settings from resolved task parameters.</summary>
    public static ActionSelectionSettings From(ParameterValues p) => new()
    {
        Actions = (int)p["actions"], ChannelSize = (int)p["channel_size"], Phases = (int)p["phases"], PhaseMs = p["phase"],
        BinMs = p["bin"], WindowMs = p["window"], BaselineMs = p["baseline"], SettleMs = p["settle"],
        SalienceHigh = p["salience_high"], SalienceMid = p["salience_mid"], SalienceLow = p["salience_low"],
        Dopamine = p["dopamine"], Threshold = p["threshold"], Dt = p["dt"],
    };
}
