namespace Cortex.Viewer.Interaction;

/// <summary>The mouse buttons the viewer reacts to.</summary>
public enum PointerButton
{
    /// <summary>Orbit by dragging; pick by clicking; pan with Shift held.</summary>
    Left,

    /// <summary>Pan by dragging.</summary>
    Right,

    /// <summary>Pan by dragging.</summary>
    Middle,
}
