using Silk.NET.OpenGL;

namespace Cortex.Viewer.Rendering;

/// <summary>
/// A vertex array with one interleaved float buffer, described by attribute widths (e.g. [3, 3, 1] for position,
/// colour, brightness). Uploads replace the whole buffer (orphaning it, so a streaming upload never waits on the GPU).
/// </summary>
internal sealed unsafe class VertexBuffer : IDisposable
{
    private readonly GL _gl;
    private readonly uint _array;
    private readonly uint _buffer;
    private readonly int _stride;
    private readonly BufferUsageARB _usage;

    public VertexBuffer(GL gl, ReadOnlySpan<int> attributeWidths, bool streaming)
    {
        _gl = gl;
        _usage = streaming ? BufferUsageARB.StreamDraw : BufferUsageARB.StaticDraw;
        foreach (var width in attributeWidths) _stride += width;
        _array = gl.GenVertexArray();
        _buffer = gl.GenBuffer();
        gl.BindVertexArray(_array);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer);
        var offset = 0;
        for (var i = 0; i < attributeWidths.Length; i++)
        {
            gl.EnableVertexAttribArray((uint)i);
            gl.VertexAttribPointer((uint)i, attributeWidths[i], VertexAttribPointerType.Float, false, (uint)(_stride * sizeof(float)), (void*)(offset * sizeof(float)));
            offset += attributeWidths[i];
        }
        gl.BindVertexArray(0);
    }

    /// <summary>Floats per vertex.</summary>
    public int Stride => _stride;

    /// <summary>Vertices uploaded.</summary>
    public int Count { get; private set; }

    public void Upload(ReadOnlySpan<float> interleaved)
    {
        Count = interleaved.Length / _stride;
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer);
        _gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(interleaved.Length * sizeof(float)), null, _usage);
        if (interleaved.Length > 0)
        {
            _gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, interleaved);
        }
    }

    public void Draw(PrimitiveType primitive)
    {
        if (Count == 0) return;
        _gl.BindVertexArray(_array);
        _gl.DrawArrays(primitive, 0, (uint)Count);
        _gl.BindVertexArray(0);
    }

    public void Dispose()
    {
        _gl.DeleteBuffer(_buffer);
        _gl.DeleteVertexArray(_array);
    }
}
