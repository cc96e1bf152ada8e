using System.Numerics;

namespace Cortex.Viewer.Interaction;

/// <summary>One pose of a scripted camera path.</summary>
/// <param name="TimeSeconds">When the camera is here, in seconds of viewer time (frame number / frames per second).</param>
/// <param name="YawDegrees">Rotation about the vertical axis, degrees (not wrapped: 0 → 720 turns twice).</param>
/// <param name="PitchDegrees">Elevation above the horizontal plane, degrees.</param>
/// <param name="DistanceUm">Distance from the target, µm.</param>
/// <param name="TargetUm">The point looked at, µm; null keeps the framing's centre.</param>
public sealed record CameraKeyframe(double TimeSeconds, double YawDegrees, double PitchDegrees, double DistanceUm, Vector3? TargetUm = null);
