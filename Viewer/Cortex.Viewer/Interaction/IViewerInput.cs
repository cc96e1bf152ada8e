using System.Numerics;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// What a window delivers to the viewer, in window pixels with the origin at the top left (as window systems give
/// cursor positions). The window translates its library's codes into these calls, so the gestures behind them are
/// plain C# and testable without a display.
/// </summary>
public interface IViewerInput
{
    /// <summary>A mouse button went down at <paramref name="position"/>; <paramref name="shift"/> tells whether Shift was held.</summary>
    void PointerDown(PointerButton button, Vector2 position, bool shift);

    /// <summary>A mouse button went up at <paramref name="position"/>.</summary>
    void PointerUp(PointerButton button, Vector2 position);

    /// <summary>The cursor moved to <paramref name="position"/>.</summary>
    void PointerMoved(Vector2 position);

    /// <summary>The wheel turned by <paramref name="notches"/> (positive: away from the user, zoom in).</summary>
    void Scrolled(double notches);

    /// <summary>A key the viewer knows was pressed (or repeated while held).</summary>
    void KeyPressed(ViewerKey key);

    /// <summary>The drawable changed size (pixels).</summary>
    void Resized(int width, int height);
}
