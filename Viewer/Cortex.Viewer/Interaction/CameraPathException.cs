namespace Cortex.Viewer.Interaction;

/// <summary>A camera path file that cannot be used; the message names the file and the JSON path of the problem.</summary>
public sealed class CameraPathException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public CameraPathException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the parser's error.</summary>
    public CameraPathException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public CameraPathException() : base("the camera path is invalid") { }
}
