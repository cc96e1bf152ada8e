namespace Cortex.Viewer.Hosts.Glfw;

/// <summary>The GLFW 3.3 constants the window uses, with the values of <c>GLFW/glfw3.h</c>.</summary>
internal static class GlfwConstants
{
    // Window hints.
    public const int Resizable = 0x00020003;
    public const int Visible = 0x00020004;
    public const int Samples = 0x0002100D;
    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlForwardCompat = 0x00022006;
    public const int OpenGlProfile = 0x00022008;
    public const int OpenGlCoreProfile = 0x00032001;

    // Errors.
    public const int ApiUnavailable = 0x00010006;
    public const int VersionUnavailable = 0x00010007;
    public const int PlatformError = 0x00010008;

    // Actions and modifier bits.
    public const int Release = 0;
    public const int Press = 1;
    public const int Repeat = 2;
    public const int ModShift = 0x0001;
    public const int ModControl = 0x0002;

    // Mouse buttons.
    public const int MouseLeft = 0;
    public const int MouseRight = 1;
    public const int MouseMiddle = 2;

    // Keys.
    public const int KeySpace = 32;
    public const int KeyMinus = 45;
    public const int KeyEqual = 61;
    public const int KeyQ = 81;
    public const int KeyR = 82;
    public const int KeyEscape = 256;
    public const int KeyRight = 262;
    public const int KeyLeft = 263;
    public const int KeyDown = 264;
    public const int KeyUp = 265;
    public const int KeyHome = 268;
    public const int KeyEnd = 269;
    public const int KeyKpSubtract = 333;
    public const int KeyKpAdd = 334;
}
