namespace Cortex.Cognition.Motor;

/// <summary>What the reaching controller senses at a step: the target, the hand and the joint state (SI units).</summary>
/// <param name="Target">Index of the current target (0 … targets − 1; target k lies at angle 2πk/targets).</param>
/// <param name="TimeInReach">Seconds since this reach started.</param>
/// <param name="TargetX">Target x (m).</param>
/// <param name="TargetY">Target y (m).</param>
/// <param name="HandX">Hand x (m).</param>
/// <param name="HandY">Hand y (m).</param>
/// <param name="ShoulderVelocity">Shoulder angular velocity (rad/s).</param>
/// <param name="ElbowVelocity">Elbow angular velocity (rad/s).</param>
public readonly record struct ReachObservation(int Target, double TimeInReach, double TargetX, double TargetY, double HandX, double HandY,
    double ShoulderVelocity, double ElbowVelocity)
{
    /// <summary>Distance from hand to target (m).</summary>
    public double Distance => Math.Sqrt((TargetX - HandX) * (TargetX - HandX) + (TargetY - HandY) * (TargetY - HandY));
}
