namespace Cortex.Viewer.Interaction;

/// <summary>The keys the viewer reacts to, independent of the window library's key codes.</summary>
public enum ViewerKey
{
    /// <summary>Play or pause.</summary>
    PlayPause,

    /// <summary>Play faster (<c>+</c>).</summary>
    Faster,

    /// <summary>Play slower (<c>-</c>).</summary>
    Slower,

    /// <summary>Step back in time (left arrow).</summary>
    StepBack,

    /// <summary>Step forward in time (right arrow).</summary>
    StepForward,

    /// <summary>Jump to the start (Home).</summary>
    Start,

    /// <summary>Jump to the end, and in live mode follow it again (End).</summary>
    End,

    /// <summary>Reset the camera to frame the whole scene (R).</summary>
    ResetCamera,

    /// <summary>Close the window (Escape, Q).</summary>
    Close,
}
