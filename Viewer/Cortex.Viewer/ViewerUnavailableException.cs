namespace Cortex.Viewer;

/// <summary>
/// No usable OpenGL (no EGL library, no display, GL below 3.3) or no usable recording for the viewer.
/// The message is one line that names what is missing and how to get it, ready for an <c>error:</c> line.
/// </summary>
public sealed class ViewerUnavailableException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public ViewerUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the native failure behind it.</summary>
    public ViewerUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public ViewerUnavailableException() : base("the viewer is unavailable") { }
}
