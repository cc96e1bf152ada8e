using Cortex.Models;

namespace Cortex.Cognition.Motor;

/// <summary>The reaching task's parameters, typed: times in ms, lengths in m, angles in rad, gains in SI units.</summary>
public sealed record ReachSettings
{
    public required int Targets { get; init; }
    public required double Radius { get; init; }
    public required double ReachMs { get; init; }
    public required double Dt { get; init; }
    public required double StartShoulder { get; init; }
    public required double StartElbow { get; init; }
    public required int Neurons { get; init; }
    public required double MinRate { get; init; }
    public required double MaxRate { get; init; }
    public required double TauSyn { get; init; }
    public required double Kp { get; init; }
    public required double Kv { get; init; }
    public required double ErrorRange { get; init; }
    public required double VelocityRange { get; init; }
    public required double Regularization { get; init; }

    /// <summary>Arm (and network) steps in one reach.</summary>
    public int StepsPerReach => Math.Max(1, (int)Math.Round(ReachMs / Dt));

    /// <summary>The settings from resolved task parameters (converting cm and degrees).</summary>
    public static ReachSettings From(ParameterValues p) => new()
    {
        Targets = (int)p["targets"], Radius = p["radius_cm"] / 100, ReachMs = p["reach"], Dt = p["dt"],
        StartShoulder = p["start_shoulder_deg"] * Math.PI / 180, StartElbow = p["start_elbow_deg"] * Math.PI / 180,
        Neurons = (int)p["neurons"], MinRate = p["rate_min"], MaxRate = p["rate_max"], TauSyn = p["tau_syn"],
        Kp = p["kp"], Kv = p["kv"], ErrorRange = p["error_range_cm"] / 100, VelocityRange = p["velocity_range"],
        Regularization = p["regularization"],
    };
}
