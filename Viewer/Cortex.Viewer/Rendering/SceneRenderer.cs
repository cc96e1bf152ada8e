using System.Globalization;
using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Scene;
using Silk.NET.OpenGL;
using SkiaSharp;

namespace Cortex.Viewer.Rendering;

/// <summary>
/// Draws a <see cref="BrainScene"/> with OpenGL 3.3 core into whatever framebuffer is bound, in this order:
/// vignette background; projection bundles (faint, additive); resting neurons as round sprites of their colour,
/// fading into the background with depth; flashes as additive glows (only the neurons lit this frame are uploaded);
/// region glyphs; and a SkiaSharp overlay with the time stamp, legend, region labels and scale bar.
/// </summary>
public sealed unsafe class SceneRenderer : IDisposable
{
    private readonly GL _gl;
    private readonly ShaderProgram _background;
    private readonly ShaderProgram _resting;
    private readonly ShaderProgram _restingPixel;
    private readonly ShaderProgram _flash;
    private readonly ShaderProgram _ring;
    private readonly ShaderProgram _lines;
    private readonly ShaderProgram _overlay;
    private readonly VertexBuffer _neurons;
    private readonly VertexBuffer _flashes;
    private readonly VertexBuffer _regions;
    private readonly VertexBuffer _bundles;
    private readonly uint _emptyArray;
    private readonly Vector3[] _colours;
    private readonly float[] _neuronColours;
    private readonly float _maxPointSize;
    private float[] _flashStaging = [];
    private uint _overlayTexture;
    private SKBitmap? _overlayBitmap;
    private OverlayContent? _overlayShown;
    private float[] _regionActivity = [];
    private readonly ShaderProgram _copy;
    private uint _cacheFramebuffer;
    private uint _cacheTexture;
    private uint _cacheDepth;
    private int _cacheWidth;
    private int _cacheHeight;
    private string? _cacheKey;

    /// <summary>Compiles the programs and uploads the scene's static data (positions, colours, bundles).</summary>
    /// <exception cref="InvalidOperationException">A shader does not compile (the message quotes the driver's log).</exception>
    public SceneRenderer(GL gl, BrainScene scene, RenderStyle style)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(style);
        _gl = gl;
        Scene = scene;
        Style = style;
        ColouringByRegion = style.ColourBy == ColourBy.Region || (style.ColourBy == ColourBy.Auto && scene.Regions.Count > 0);
        _background = new ShaderProgram(gl, "background", Shaders.FullScreenVertex, Shaders.BackgroundFragment);
        _overlay = new ShaderProgram(gl, "overlay", Shaders.FullScreenVertex, Shaders.OverlayFragment);
        _copy = new ShaderProgram(gl, "copy", Shaders.FullScreenVertex, Shaders.CopyFragment);
        _resting = new ShaderProgram(gl, "resting", Shaders.PointVertex, Shaders.RestingFragment);
        _restingPixel = new ShaderProgram(gl, "resting-pixel", Shaders.PointVertex, Shaders.RestingPixelFragment);
        _flash = new ShaderProgram(gl, "flash", Shaders.PointVertex, Shaders.FlashFragment);
        _ring = new ShaderProgram(gl, "ring", Shaders.PointVertex, Shaders.RingFragment);
        _lines = new ShaderProgram(gl, "bundles", Shaders.LineVertex, Shaders.LineFragment);
        _emptyArray = gl.GenVertexArray();
        _maxPointSize = MaxPointSize(gl);

        _colours = [.. scene.Populations.Select(p => p.Colour)];
        _neuronColours = new float[3 * scene.NeuronCount];
        for (var i = 0; i < scene.NeuronCount; i++)
        {
            var region = scene.RegionOfNeuron[i];
            var c = ColouringByRegion && region >= 0 ? scene.Regions[region].Colour : _colours[scene.PopulationOfNeuron[i]];
            _neuronColours[3 * i] = c.X;
            _neuronColours[3 * i + 1] = c.Y;
            _neuronColours[3 * i + 2] = c.Z;
        }

        _neurons = new VertexBuffer(gl, [3, 3, 1], streaming: false);
        var data = new float[scene.NeuronCount * 7];
        for (var i = 0; i < scene.NeuronCount; i++)
        {
            var c = new Vector3(_neuronColours[3 * i], _neuronColours[3 * i + 1], _neuronColours[3 * i + 2]);
            data[7 * i] = scene.Positions[3 * i];
            data[7 * i + 1] = scene.Positions[3 * i + 1];
            data[7 * i + 2] = scene.Positions[3 * i + 2];
            data[7 * i + 3] = c.X;
            data[7 * i + 4] = c.Y;
            data[7 * i + 5] = c.Z;
        }
        _neurons.Upload(data);

        _flashes = new VertexBuffer(gl, [3, 3, 1], streaming: true);

        _regions = new VertexBuffer(gl, [3, 3, 1], streaming: true);
        _bundles = new VertexBuffer(gl, [3, 4], streaming: false);
        _bundles.Upload(BundleGeometry.Build(scene));
    }

    /// <summary>The scene drawn.</summary>
    public BrainScene Scene { get; }

    /// <summary>The style drawn with.</summary>
    public RenderStyle Style { get; }

    /// <summary>Whether neurons take their region's colour (else their population's).</summary>
    public bool ColouringByRegion { get; }

    /// <summary>The colour neuron <paramref name="neuron"/> is drawn with (linear RGB in [0, 1]).</summary>
    public Vector3 NeuronColour(int neuron) => new(_neuronColours[3 * neuron], _neuronColours[3 * neuron + 1], _neuronColours[3 * neuron + 2]);

    /// <summary>Neurons lit in the last frame drawn.</summary>
    public int LastFlashCount { get; private set; }

    /// <summary>Draws one frame into the bound framebuffer (viewport <paramref name="width"/> × <paramref name="height"/>).</summary>
    public void Render(in FrameState frame, OrbitCamera camera, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var gl = _gl;
        var style = Style;
        gl.Viewport(0, 0, (uint)width, (uint)height);
        gl.ClearColor(style.Background.X, style.Background.Y, style.Background.Z, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        gl.Enable(EnableCap.ProgramPointSize);

        var pixelScale = style.ReferenceHeight is { } reference ? height / reference : 1f;
        // Dense scenes draw smaller sprites: a million neurons at 3 px would be a solid wall (and fill-bound on llvmpipe).
        var densityScale = style.ReferenceHeight is null ? 1f : Math.Clamp(MathF.Sqrt(DensityReference / MathF.Max(1, Scene.NeuronCount)), MinDensityScale, 1f);
        var view = camera.View;
        var projection = camera.Projection((float)width / height);
        var fogRange = new Vector2(MathF.Max(camera.Near, camera.Distance - Scene.Radius), camera.Distance + Scene.Radius);
        if (Scene.NeuronCount >= style.CacheStaticLayerFrom)
        {
            DrawCachedStaticLayer(camera, width, height, pixelScale, densityScale);
        }
        else
        {
            DrawStaticLayer(view, projection, camera, fogRange, width, height, pixelScale, densityScale);
        }

        // Flashes: additive glow over everything (seen through the cloud, order-independent).
        UploadFlashes(frame.Brightness.Span);
        gl.Disable(EnableCap.DepthTest);
        gl.DepthMask(false);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.One, BlendingFactor.One);
        _flash.Use();
        SetPointUniforms(_flash, view, projection, camera, fogRange, style.FlashSizePixels * pixelScale * densityScale);
        _flash.Set("uIntensity", style.FlashIntensity);
        _flash.Set("uFog", style.DepthFog);
        _flashes.Draw(PrimitiveType.Points);

        // Region glyphs, brighter where their neurons flash.
        if (Scene.Regions.Count > 0)
        {
            UploadRegions(frame.Brightness.Span);
        }
        // Rings mark region centres while they stay legible; a connectome's dozens would only clutter the cloud.
        if (style.RegionLabels && Scene.Regions.Count is > 0 and <= MaxRegionGlyphs)
        {
            _ring.Use();
            SetPointUniforms(_ring, view, projection, camera, fogRange, RegionGlyphPixels * pixelScale);
            _regions.Draw(PrimitiveType.Points);
        }

        DrawOverlay(frame, camera, width, height);
        gl.DepthMask(true);
        gl.Disable(EnableCap.Blend);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _background.Dispose();
        _resting.Dispose();
        _restingPixel.Dispose();
        _flash.Dispose();
        _ring.Dispose();
        _lines.Dispose();
        _overlay.Dispose();
        _copy.Dispose();
        DeleteCache();
        _neurons.Dispose();
        _flashes.Dispose();
        _regions.Dispose();
        _bundles.Dispose();
        _gl.DeleteVertexArray(_emptyArray);
        if (_overlayTexture != 0) _gl.DeleteTexture(_overlayTexture);
        _overlayBitmap?.Dispose();
    }

    /// <summary>What does not change while the camera stands still: background, bundles and resting neurons.</summary>
    private void DrawStaticLayer(Matrix4x4 view, Matrix4x4 projection, OrbitCamera camera, Vector2 fogRange, int width, int height, float pixelScale, float densityScale)
    {
        var gl = _gl;
        var style = Style;
        // Background vignette, behind everything.
        gl.Disable(EnableCap.DepthTest);
        gl.Disable(EnableCap.Blend);
        _background.Use();
        _background.Set("uCentre", style.Background);
        _background.Set("uEdge", style.BackgroundEdge);
        _background.Set("uAspect", new Vector2((float)width / height, 1f));
        DrawFullScreen();


        // Bundles: faint, additive, not occluding.
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.One, BlendingFactor.One);
        if (style.Bundles && _bundles.Count > 0)
        {
            _lines.Use();
            _lines.Set("uView", view);
            _lines.Set("uProjection", projection);
            _bundles.Draw(PrimitiveType.Lines);
        }

        // Resting neurons: opaque discs with depth.
        gl.Disable(EnableCap.Blend);
        gl.Enable(EnableCap.DepthTest);
        gl.DepthFunc(DepthFunction.Less);
        gl.DepthMask(true);
        var restingSize = style.PointSizePixels * pixelScale * densityScale;
        // Sprites of about a pixel are drawn as plain one-pixel points (much faster on software rasterisers).
        var resting = restingSize < 1.5f ? _restingPixel : _resting;
        resting.Use();
        SetPointUniforms(resting, view, projection, camera, fogRange, restingSize);
        resting.Set("uIntensity", style.RestingIntensity);
        resting.Set("uFog", style.DepthFog);
        resting.Set("uBackground", style.Background);
        if (resting == _restingPixel)
        {
            resting.Set("uMaxSize", 1f);
            gl.Disable(EnableCap.ProgramPointSize);
            gl.PointSize(1f);
        }
        _neurons.Draw(PrimitiveType.Points);
        gl.Enable(EnableCap.ProgramPointSize);

    }

    /// <summary>
    /// Large scenes draw their static layer once per camera position and size into a texture and copy it each frame, so
    /// replay with a still camera costs only the flashes (a million points take seconds per frame on llvmpipe).
    /// </summary>
    private void DrawCachedStaticLayer(OrbitCamera camera, int width, int height, float pixelScale, float densityScale)
    {
        var gl = _gl;
        var key = string.Create(CultureInfo.InvariantCulture, $"{camera}|{width}x{height}");
        if (key != _cacheKey)
        {
            gl.GetInteger(GetPName.DrawFramebufferBinding, out var host);
            EnsureCache(width, height);
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, _cacheFramebuffer);
            gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
            var view = camera.View;
            var projection = camera.Projection((float)width / height);
            var fogRange = new Vector2(MathF.Max(camera.Near, camera.Distance - Scene.Radius), camera.Distance + Scene.Radius);
            DrawStaticLayer(view, projection, camera, fogRange, width, height, pixelScale, densityScale);
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, (uint)host);
            gl.Viewport(0, 0, (uint)width, (uint)height);
            _cacheKey = key;
        }
        gl.Disable(EnableCap.DepthTest);
        gl.Disable(EnableCap.Blend);
        _copy.Use();
        _copy.Set("uTexture", 0);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _cacheTexture);
        DrawFullScreen();
    }

    private void EnsureCache(int width, int height)
    {
        var gl = _gl;
        if (_cacheTexture != 0 && _cacheWidth == width && _cacheHeight == height) return;
        DeleteCache();
        _cacheTexture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, _cacheTexture);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, null);
        _cacheDepth = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _cacheDepth);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.DepthComponent24, (uint)width, (uint)height);
        _cacheFramebuffer = gl.GenFramebuffer();
        gl.GetInteger(GetPName.DrawFramebufferBinding, out var host);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _cacheFramebuffer);
        gl.FramebufferTexture2D(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, TextureTarget.Texture2D, _cacheTexture, 0);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment, RenderbufferTarget.Renderbuffer, _cacheDepth);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, (uint)host);
        (_cacheWidth, _cacheHeight) = (width, height);
        _cacheKey = null;
    }

    private void DeleteCache()
    {
        if (_cacheFramebuffer != 0) _gl.DeleteFramebuffer(_cacheFramebuffer);
        if (_cacheTexture != 0) _gl.DeleteTexture(_cacheTexture);
        if (_cacheDepth != 0) _gl.DeleteRenderbuffer(_cacheDepth);
        (_cacheFramebuffer, _cacheTexture, _cacheDepth, _cacheKey) = (0, 0, 0, null);
    }

    private static float MaxPointSize(GL gl)
    {
        Span<float> range = stackalloc float[2];
        gl.GetFloat(GetPName.PointSizeRange, range);
        return MathF.Max(1f, range[1]);
    }

    private void SetPointUniforms(ShaderProgram program, Matrix4x4 view, Matrix4x4 projection, OrbitCamera camera, Vector2 fogRange, float size)
    {
        program.Set("uView", view);
        program.Set("uProjection", projection);
        program.Set("uDistance", camera.Distance);
        program.Set("uFogRange", fogRange);
        program.Set("uSize", size);
        program.Set("uMaxSize", _maxPointSize);
    }

    private void UploadFlashes(ReadOnlySpan<float> brightness)
    {
        var scene = Scene;
        var n = Math.Min(brightness.Length, scene.NeuronCount);
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (brightness[i] > 0) count++;
        }
        if (_flashStaging.Length < count * 7) _flashStaging = new float[Math.Max(count * 7, _flashStaging.Length * 2)];
        var staging = _flashStaging;
        var v = 0;
        for (var i = 0; i < n; i++)
        {
            var b = brightness[i];
            if (b <= 0) continue;
            staging[v++] = scene.Positions[3 * i];
            staging[v++] = scene.Positions[3 * i + 1];
            staging[v++] = scene.Positions[3 * i + 2];
            staging[v++] = _neuronColours[3 * i];
            staging[v++] = _neuronColours[3 * i + 1];
            staging[v++] = _neuronColours[3 * i + 2];
            staging[v++] = MathF.Min(b, 1f);
        }
        LastFlashCount = count;
        _flashes.Upload(staging.AsSpan(0, v));
    }

    private void UploadRegions(ReadOnlySpan<float> brightness)
    {
        var scene = Scene;
        var activity = new float[scene.Regions.Count];
        var sizes = new int[scene.Regions.Count];
        var n = Math.Min(brightness.Length, scene.NeuronCount);
        for (var i = 0; i < n; i++)
        {
            var region = scene.RegionOfNeuron[i];
            if (region < 0) continue;
            sizes[region]++;
            activity[region] += brightness[i];
        }
        var data = new float[scene.Regions.Count * 7];
        for (var r = 0; r < scene.Regions.Count; r++)
        {
            var region = scene.Regions[r];
            data[7 * r] = region.Centre.X;
            data[7 * r + 1] = region.Centre.Y;
            data[7 * r + 2] = region.Centre.Z;
            data[7 * r + 3] = region.Colour.X;
            data[7 * r + 4] = region.Colour.Y;
            data[7 * r + 5] = region.Colour.Z;
            // Mean flash brightness, saturating at 20 % of the region lit.
            data[7 * r + 6] = sizes[r] == 0 ? 0 : MathF.Min(1f, 5f * activity[r] / sizes[r]);
            activity[r] = sizes[r] == 0 ? 0 : activity[r] / sizes[r];
        }
        _regionActivity = activity;
        _regions.Upload(data);
    }

    private void DrawFullScreen()
    {
        _gl.BindVertexArray(_emptyArray);
        _gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
        _gl.BindVertexArray(0);
    }

    private void DrawOverlay(in FrameState frame, OrbitCamera camera, int width, int height)
    {
        var content = OverlayFor(frame, camera, width, height);
        if (content is null) return;
        var gl = _gl;
        if (_overlayBitmap is null || _overlayBitmap.Width != width || _overlayBitmap.Height != height)
        {
            _overlayBitmap?.Dispose();
            _overlayBitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            if (_overlayTexture != 0) gl.DeleteTexture(_overlayTexture);
            _overlayTexture = gl.GenTexture();
            gl.BindTexture(TextureTarget.Texture2D, _overlayTexture);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, null);
            _overlayShown = null;
        }
        gl.BindTexture(TextureTarget.Texture2D, _overlayTexture);
        if (!OverlayEquals(_overlayShown, content))
        {
            using (var canvas = new SKCanvas(_overlayBitmap))
            {
                OverlayPainter.Paint(canvas, width, height, content);
            }
            gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
            gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, (void*)_overlayBitmap.GetPixels());
            _overlayShown = content;
        }
        gl.Disable(EnableCap.DepthTest);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        _overlay.Use();
        _overlay.Set("uTexture", 0);
        gl.ActiveTexture(TextureUnit.Texture0);
        DrawFullScreen();
    }

    private OverlayContent? OverlayFor(in FrameState frame, OrbitCamera camera, int width, int height)
    {
        var style = Style;
        if (!style.TimeStamp && !style.Legend && !style.RegionLabels) return null;
        var scene = Scene;
        string? stamp = style.TimeStamp ? TimeStampText(frame.TimeMs) : null;
        string? legendTitle = null;
        IReadOnlyList<LegendEntry> legend = [];
        string? notice = null;
        if (style.Legend)
        {
            if (ColouringByRegion && scene.Regions.Count > OverlayPainter.MaxLegendEntries)
            {
                // Too many regions to list: the legend names the most active ones in this frame.
                legendTitle = string.Create(CultureInfo.InvariantCulture, $"most active of {scene.Regions.Count} regions · {scene.NeuronCount:N0} neurons");
                legend = [.. MostActiveRegions(ManyRegionsShown).Select(r => new LegendEntry(scene.Regions[r].Name, scene.Regions[r].Colour))];
            }
            else if (ColouringByRegion)
            {
                legendTitle = string.Create(CultureInfo.InvariantCulture, $"{scene.Regions.Count} regions · {scene.NeuronCount:N0} neurons");
                legend = [.. scene.Regions.Select(r => new LegendEntry(r.Name, r.Colour))];
            }
            else
            {
                legendTitle = string.Create(CultureInfo.InvariantCulture, $"populations · {scene.NeuronCount:N0} neurons");
                legend = [.. scene.Populations.Select((p, i) => new LegendEntry(p.Name, _colours[i]))];
            }
            var defaults = scene.DefaultPlaced.Select(p => p.Name).ToList();
            if (defaults.Count > 0)
            {
                notice = defaults.Count == scene.Populations.Count
                    ? "default layout: the recording has no positions (each population drawn as a disc)"
                    : $"default layout for {string.Join(", ", defaults.Take(4))}{(defaults.Count > 4 ? ", …" : "")} (no positions in the spec)";
            }
        }
        var labels = new List<(string, Vector2, Vector3)>();
        if (style.RegionLabels)
        {
            // Every region is labelled when there are few; otherwise the most active ones, so labels never pile up.
            var labelled = scene.Regions.Count <= OverlayPainter.MaxLegendEntries ? Enumerable.Range(0, scene.Regions.Count) : MostActiveRegions(ManyRegionsShown);
            foreach (var r in labelled)
            {
                var region = scene.Regions[r];
                labels.Add((region.Name, camera.ProjectToPixel(region.Centre, width, height), region.Colour));
            }
        }
        var pixelsPerMicrometre = style.Legend
            ? height / (2 * MathF.Tan(camera.FieldOfViewDegrees * MathF.PI / 360) * camera.Distance)
            : 0f;
        return new OverlayContent(stamp, style.TimeStamp ? frame.Caption : null, legendTitle, legend, notice, labels, pixelsPerMicrometre);
    }

    /// <summary>Diameter of a region's ring at the target's depth, pixels at 720 p.</summary>
    private const float RegionGlyphPixels = 16f;

    /// <summary>Neurons up to which sprites keep their style's size; beyond, sizes shrink with 1/√N.</summary>
    private const float DensityReference = 30_000f;

    /// <summary>The smallest sprite scale for dense scenes.</summary>
    private const float MinDensityScale = 0.3f;

    /// <summary>Scenes with more regions than this draw no region rings.</summary>
    private const int MaxRegionGlyphs = 30;

    /// <summary>Regions labelled and listed when a scene has too many to show all.</summary>
    private const int ManyRegionsShown = 10;

    private IEnumerable<int> MostActiveRegions(int count) =>
        Enumerable.Range(0, Math.Min(Scene.Regions.Count, _regionActivity.Length))
            .Where(r => _regionActivity[r] > 0)
            .OrderByDescending(r => _regionActivity[r]).ThenBy(r => r)
            .Take(count);

    /// <summary>The time stamp as shown: ms below 10 s, else seconds.</summary>
    public static string TimeStampText(double timeMs) => timeMs < 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"t = {timeMs:0.0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"t = {timeMs / 1000:0.000} s");

    private static bool OverlayEquals(OverlayContent? a, OverlayContent b) =>
        a is not null && a.TimeStamp == b.TimeStamp && a.Caption == b.Caption && a.LegendTitle == b.LegendTitle && a.Notice == b.Notice
        && a.PixelsPerMicrometre == b.PixelsPerMicrometre && a.Legend.SequenceEqual(b.Legend) && a.Labels.SequenceEqual(b.Labels);
}
