using System.Numerics;
using Silk.NET.OpenGL;

namespace Cortex.Viewer.Rendering;

/// <summary>A linked GLSL 330 core program with cached uniform locations; a compile or link failure names the shader and quotes the log.</summary>
internal sealed unsafe class ShaderProgram : IDisposable
{
    private readonly GL _gl;
    private readonly Dictionary<string, int> _locations = new(StringComparer.Ordinal);

    public ShaderProgram(GL gl, string name, string vertexSource, string fragmentSource)
    {
        _gl = gl;
        Name = name;
        var vertex = Compile(ShaderType.VertexShader, vertexSource);
        var fragment = Compile(ShaderType.FragmentShader, fragmentSource);
        Handle = gl.CreateProgram();
        gl.AttachShader(Handle, vertex);
        gl.AttachShader(Handle, fragment);
        gl.LinkProgram(Handle);
        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out var linked);
        gl.DetachShader(Handle, vertex);
        gl.DetachShader(Handle, fragment);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        if (linked == 0)
        {
            var log = gl.GetProgramInfoLog(Handle);
            gl.DeleteProgram(Handle);
            throw new InvalidOperationException($"shader program '{name}' does not link: {log.Trim()}");
        }
    }

    public string Name { get; }

    public uint Handle { get; }

    public void Use() => _gl.UseProgram(Handle);

    public void Set(string uniform, float value) => _gl.Uniform1(Location(uniform), value);

    public void Set(string uniform, int value) => _gl.Uniform1(Location(uniform), value);

    public void Set(string uniform, Vector2 value) => _gl.Uniform2(Location(uniform), value.X, value.Y);

    public void Set(string uniform, Vector3 value) => _gl.Uniform3(Location(uniform), value.X, value.Y, value.Z);

    public void Set(string uniform, Matrix4x4 value) =>
        // System.Numerics stores row-vector matrices row by row, which is GL's column-major layout of the transpose: no transpose needed.
        _gl.UniformMatrix4(Location(uniform), 1, false, &value.M11);

    public void Dispose() => _gl.DeleteProgram(Handle);

    private int Location(string uniform)
    {
        if (!_locations.TryGetValue(uniform, out var location))
        {
            location = _locations[uniform] = _gl.GetUniformLocation(Handle, uniform);
        }
        return location;
    }

    private uint Compile(ShaderType type, string source)
    {
        var shader = _gl.CreateShader(type);
        _gl.ShaderSource(shader, source);
        _gl.CompileShader(shader);
        _gl.GetShader(shader, ShaderParameterName.CompileStatus, out var compiled);
        if (compiled == 0)
        {
            var log = _gl.GetShaderInfoLog(shader);
            _gl.DeleteShader(shader);
            throw new InvalidOperationException($"{type} of '{Name}' does not compile: {log.Trim()}");
        }
        return shader;
    }
}
