using System.Numerics;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// Turns mouse and keys into camera moves, time controls and picks: drag with the left button to orbit, with the right
/// or middle button (or Shift + left) to pan, the wheel to zoom, a left click without a drag to pick; the keys go to
/// the <see cref="PlaybackClock"/>, R frames the scene again, Escape or Q closes.
/// </summary>
/// <remarks>
/// Plain C#: a window calls the <see cref="IViewerInput"/> methods, tests call them directly. Panning keeps the point
/// under the cursor at the target's depth under the cursor, as map viewers do.
/// </remarks>
public sealed class ViewerGestures : IViewerInput
{
    /// <summary>Degrees of orbit per pixel dragged.</summary>
    public const float DegreesPerPixel = 0.3f;

    /// <summary>Distance factor per wheel notch towards the target.</summary>
    public const float ZoomPerNotch = 0.85f;

    /// <summary>A press and release closer than this (pixels) is a click, not a drag.</summary>
    public const float ClickTolerancePixels = 4f;

    private readonly Func<OrbitCamera> _framing;
    private Drag _drag;
    private Vector2 _pressedAt;
    private Vector2 _last;
    private bool _moved;

    /// <summary>Gestures acting on <paramref name="camera"/> and <paramref name="clock"/> in a drawable of the given size.</summary>
    /// <param name="camera">The camera moved by drags and the wheel.</param>
    /// <param name="clock">The time controls the keys act on.</param>
    /// <param name="framing">The camera R returns to (usually <see cref="OrbitCamera.Framing"/> of the scene).</param>
    /// <param name="width">Drawable width, pixels.</param>
    /// <param name="height">Drawable height, pixels.</param>
    public ViewerGestures(OrbitCamera camera, PlaybackClock clock, Func<OrbitCamera> framing, int width, int height)
    {
        Camera = camera ?? throw new ArgumentNullException(nameof(camera));
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _framing = framing ?? throw new ArgumentNullException(nameof(framing));
        Resized(width, height);
    }

    private enum Drag
    {
        None,
        Orbit,
        Pan,
    }

    /// <summary>The camera (set back to a fresh framing on R).</summary>
    public OrbitCamera Camera { get; }

    /// <summary>The time controls.</summary>
    public PlaybackClock Clock { get; }

    /// <summary>Drawable width, pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Drawable height, pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Raised with the pixel (top-left origin) of a left click that was not a drag.</summary>
    public event Action<Vector2>? Clicked;

    /// <summary>Raised when the user asks to close (Escape, Q).</summary>
    public event Action? CloseRequested;

    /// <summary>Set by any input, cleared by the frame loop: lets a paused viewer skip redrawing an unchanged picture.</summary>
    public bool Changed { get; set; } = true;

    /// <inheritdoc />
    public void PointerDown(PointerButton button, Vector2 position, bool shift)
    {
        if (_drag != Drag.None) return;
        _drag = button == PointerButton.Left && !shift ? Drag.Orbit : Drag.Pan;
        _pressedAt = _last = position;
        _moved = false;
    }

    /// <inheritdoc />
    public void PointerMoved(Vector2 position)
    {
        if (_drag == Drag.None) return;
        if (!_moved && Vector2.Distance(position, _pressedAt) < ClickTolerancePixels) return;
        if (!_moved)
        {
            _moved = true;
            // A drag starts where the button went down, so the small move below the click tolerance is not lost.
            _last = _pressedAt;
        }
        var delta = position - _last;
        _last = position;
        if (_drag == Drag.Orbit) Camera.Orbit(-delta.X * DegreesPerPixel, delta.Y * DegreesPerPixel);
        else Pan(delta);
        Changed = true;
    }

    /// <inheritdoc />
    public void PointerUp(PointerButton button, Vector2 position)
    {
        if (_drag == Drag.None) return;
        if (_drag == Drag.Orbit && button == PointerButton.Left && !_moved && Vector2.Distance(position, _pressedAt) < ClickTolerancePixels)
        {
            Clicked?.Invoke(position);
        }
        else if (_moved)
        {
            PointerMoved(position);
        }
        _drag = Drag.None;
        Changed = true;
    }

    /// <inheritdoc />
    public void Scrolled(double notches)
    {
        if (!double.IsFinite(notches) || notches == 0) return;
        Camera.Zoom(MathF.Pow(ZoomPerNotch, (float)notches));
        Changed = true;
    }

    /// <inheritdoc />
    public void KeyPressed(ViewerKey key)
    {
        switch (key)
        {
            case ViewerKey.Close: CloseRequested?.Invoke(); break;
            case ViewerKey.ResetCamera:
                var fresh = _framing();
                Camera.Target = fresh.Target;
                Camera.Distance = fresh.Distance;
                Camera.YawDegrees = fresh.YawDegrees;
                Camera.PitchDegrees = fresh.PitchDegrees;
                Camera.FieldOfViewDegrees = fresh.FieldOfViewDegrees;
                break;
            default: Clock.Apply(key); break;
        }
        Changed = true;
    }

    /// <inheritdoc />
    public void Resized(int width, int height)
    {
        Width = Math.Max(1, width);
        Height = Math.Max(1, height);
        Changed = true;
    }

    // Moves the target so the scene follows the cursor at the target's depth: one pixel is 2·d·tan(fov/2)/height µm there.
    private void Pan(Vector2 delta)
    {
        var forward = Vector3.Normalize(Camera.Target - Camera.Eye);
        var right = Vector3.Cross(forward, Vector3.UnitZ);
        right = right.LengthSquared() > 1e-12f ? Vector3.Normalize(right) : Vector3.UnitX;
        var up = Vector3.Cross(right, forward);
        var umPerPixel = 2 * Camera.Distance * MathF.Tan(Camera.FieldOfViewDegrees * MathF.PI / 360) / Height;
        Camera.Target += (-delta.X * right + delta.Y * up) * umPerPixel;
    }
}
