namespace Cortex.Viewer.Rendering;

/// <summary>GLSL 330 core sources of the renderer's programs.</summary>
internal static class Shaders
{
    /// <summary>A full-screen triangle from gl_VertexID (no vertex buffer).</summary>
    public const string FullScreenVertex = """
        #version 330 core
        out vec2 vUv;
        void main() {
            vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
            vUv = p;
            gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
        }
        """;

    /// <summary>Radial vignette from the centre colour to the edge colour.</summary>
    public const string BackgroundFragment = """
        #version 330 core
        in vec2 vUv;
        uniform vec3 uCentre;
        uniform vec3 uEdge;
        uniform vec2 uAspect;
        out vec4 colour;
        void main() {
            vec2 d = (vUv - 0.5) * uAspect;
            float t = clamp(length(d) * 1.25, 0.0, 1.0);
            colour = vec4(mix(uCentre, uEdge, t * t), 1.0);
        }
        """;

    /// <summary>Premultiplied RGBA overlay texture (rasterised top row first, so v is flipped).</summary>
    public const string OverlayFragment = """
        #version 330 core
        in vec2 vUv;
        uniform sampler2D uTexture;
        out vec4 colour;
        void main() {
            colour = texture(uTexture, vec2(vUv.x, 1.0 - vUv.y));
        }
        """;

    /// <summary>A texture rendered by GL (bottom row first) copied to the screen as it is.</summary>
    public const string CopyFragment = """
        #version 330 core
        in vec2 vUv;
        uniform sampler2D uTexture;
        out vec4 colour;
        void main() {
            colour = vec4(texture(uTexture, vUv).rgb, 1.0);
        }
        """;

    /// <summary>
    /// Point sprites with perspective size and a linear depth fog: size = uSize · uDistance / depth (pixels),
    /// fog factor = clamp((depth − uFogRange.x) / (uFogRange.y − uFogRange.x)).
    /// </summary>
    public const string PointVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPosition;
        layout(location = 1) in vec3 aColour;
        layout(location = 2) in float aBrightness;
        uniform mat4 uView;
        uniform mat4 uProjection;
        uniform float uSize;
        uniform float uDistance;
        uniform vec2 uFogRange;
        uniform float uMaxSize;
        out vec3 vColour;
        out float vBrightness;
        out float vFog;
        void main() {
            vec4 view = uView * vec4(aPosition, 1.0);
            gl_Position = uProjection * view;
            float depth = max(-view.z, 1e-3);
            gl_PointSize = clamp(uSize * uDistance / depth, 1.0, uMaxSize);
            vColour = aColour;
            vBrightness = aBrightness;
            vFog = clamp((depth - uFogRange.x) / max(uFogRange.y - uFogRange.x, 1e-3), 0.0, 1.0);
        }
        """;

    /// <summary>A resting neuron: a round disc of its colour, faded towards the background with depth.</summary>
    public const string RestingFragment = """
        #version 330 core
        in vec3 vColour;
        in float vBrightness;
        in float vFog;
        uniform float uIntensity;
        uniform float uFog;
        uniform vec3 uBackground;
        out vec4 colour;
        void main() {
            vec2 d = gl_PointCoord * 2.0 - 1.0;
            float r2 = dot(d, d);
            if (r2 > 1.0) discard;
            vec3 c = mix(vColour * uIntensity, uBackground, uFog * vFog);
            colour = vec4(c, 1.0);
        }
        """;

    /// <summary>A resting neuron one pixel wide: no sprite coordinates, so the rasteriser takes its fast path for plain points.</summary>
    public const string RestingPixelFragment = """
        #version 330 core
        in vec3 vColour;
        in float vBrightness;
        in float vFog;
        uniform float uIntensity;
        uniform float uFog;
        uniform vec3 uBackground;
        out vec4 colour;
        void main() {
            colour = vec4(mix(vColour * uIntensity, uBackground, uFog * vFog), 1.0);
        }
        """;

    /// <summary>
    /// A flash, added to what is there: brightness · intensity · (colour · exp(−4r²) + white core · exp(−24r²)).
    /// Linear in brightness, and equal to brightness · intensity · (colour + 0.5) at the sprite's centre.
    /// </summary>
    public const string FlashFragment = """
        #version 330 core
        in vec3 vColour;
        in float vBrightness;
        in float vFog;
        uniform float uIntensity;
        uniform float uFog;
        out vec4 colour;
        void main() {
            vec2 d = gl_PointCoord * 2.0 - 1.0;
            float r2 = dot(d, d);
            if (r2 > 1.0) discard;
            float glow = exp(-4.0 * r2) - exp(-4.0);
            float core = exp(-24.0 * r2);
            vec3 c = vBrightness * uIntensity * (vColour * glow / (1.0 - exp(-4.0)) + vec3(0.5) * core);
            colour = vec4(c * (1.0 - 0.5 * uFog * vFog), 1.0);
        }
        """;

    /// <summary>A region glyph: a thin, faint ring of the region's colour that brightens with the region's activity.</summary>
    public const string RingFragment = """
        #version 330 core
        in vec3 vColour;
        in float vBrightness;
        in float vFog;
        out vec4 colour;
        void main() {
            vec2 d = gl_PointCoord * 2.0 - 1.0;
            float r = length(d);
            float ring = smoothstep(0.70, 0.80, r) * (1.0 - smoothstep(0.88, 1.0, r));
            float a = ring * (0.18 + 0.6 * vBrightness);
            colour = vec4(vColour * a, 1.0);
        }
        """;

    /// <summary>Bundle lines: position, colour and alpha per vertex, added faintly.</summary>
    public const string LineVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPosition;
        layout(location = 1) in vec4 aColour;
        uniform mat4 uView;
        uniform mat4 uProjection;
        out vec4 vColour;
        void main() {
            gl_Position = uProjection * uView * vec4(aPosition, 1.0);
            vColour = aColour;
        }
        """;

    /// <summary>Additive line colour (rgb · alpha).</summary>
    public const string LineFragment = """
        #version 330 core
        in vec4 vColour;
        out vec4 colour;
        void main() {
            colour = vec4(vColour.rgb * vColour.a, 1.0);
        }
        """;
}
