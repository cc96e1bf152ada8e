namespace Cortex.Cognition.Motor;

/// <summary>Joint torques (N·m) a controller applies for one step.</summary>
/// <param name="Shoulder">Shoulder torque.</param>
/// <param name="Elbow">Elbow torque.</param>
public readonly record struct ArmTorque(double Shoulder, double Elbow);
