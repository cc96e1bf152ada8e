using System.Numerics;

namespace Cortex.Viewer.Rendering;

/// <summary>How a scene looks; the defaults are the project's look (dark background, additive glow, depth fog).</summary>
public sealed record RenderStyle
{
    /// <summary>Background colour at the centre of the image (linear RGB).</summary>
    public Vector3 Background { get; init; } = new(0.035f, 0.045f, 0.075f);

    /// <summary>Background colour at the corners (a radial vignette towards it).</summary>
    public Vector3 BackgroundEdge { get; init; } = new(0.005f, 0.006f, 0.012f);

    /// <summary>What colours neurons.</summary>
    public ColourBy ColourBy { get; init; } = ColourBy.Auto;

    /// <summary>
    /// Image height at which the pixel sizes below hold; other heights scale them, so a 4K still looks like the 720 p
    /// one. Null: sizes are exact pixels whatever the image size (pixel tests).
    /// </summary>
    public float? ReferenceHeight { get; init; } = 720f;

    /// <summary>Diameter of a resting neuron, pixels at the target distance (scaled by perspective).</summary>
    public float PointSizePixels { get; init; } = 3f;

    /// <summary>Brightness of a resting neuron relative to its colour (0..1).</summary>
    public float RestingIntensity { get; init; } = 0.35f;

    /// <summary>Diameter of a flash's glow, pixels at the target distance.</summary>
    public float FlashSizePixels { get; init; } = 14f;

    /// <summary>Peak added intensity of a flash at brightness 1, relative to its colour (additive).</summary>
    public float FlashIntensity { get; init; } = 0.6f;

    /// <summary>How far resting neurons fade into the background from the nearest to the farthest (0: no depth cue).</summary>
    public float DepthFog { get; init; } = 0.6f;

    /// <summary>Draw region glyphs and labels when the scene has regions.</summary>
    public bool RegionLabels { get; init; } = true;

    /// <summary>Draw projection bundles between region centres.</summary>
    public bool Bundles { get; init; } = true;

    /// <summary>Draw the legend (populations or regions, and the layout's source).</summary>
    public bool Legend { get; init; } = true;

    /// <summary>Draw the time stamp and caption.</summary>
    public bool TimeStamp { get; init; } = true;

    /// <summary>
    /// Scenes of at least this many neurons draw their static layer (background, bundles, resting neurons) once per
    /// camera position and size into a texture and copy it each frame: replay with a still camera then costs only the
    /// flashes. Single-sampled, so it is kept for scenes where a frame would otherwise take long on llvmpipe.
    /// </summary>
    public int CacheStaticLayerFrom { get; init; } = 50_000;

    /// <summary>A bare style for pixel tests: black background, no fog, no overlays, no bundles.</summary>
    public static RenderStyle Plain => new()
    {
        Background = Vector3.Zero, BackgroundEdge = Vector3.Zero, DepthFog = 0, RegionLabels = false, Bundles = false, Legend = false, TimeStamp = false,
        ReferenceHeight = null,
    };
}
