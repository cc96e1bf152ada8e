using System.Buffers.Binary;

namespace Cortex.Learning.Data;

/// <summary>
/// The contents of one IDX file: element type, dimensions (first = item count) and the elements in
/// row-major order as stored (big-endian for multi-byte types).
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(string source, IdxElementType elementType, IReadOnlyList<int> shape, byte[] data)
    {
        Source = source;
        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    /// <summary>The file (or stream name) it was read from, for error messages.</summary>
    public string Source { get; }

    /// <summary>The element type.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The dimensions; the first is the number of items.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The raw element bytes, row-major, as stored in the file.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The number of items (the first dimension).</summary>
    public int Count => Shape[0];

    /// <summary>Size in bytes of one element of <paramref name="type"/>.</summary>
    public static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Signed16 => 2,
        IdxElementType.Signed32 or IdxElementType.Ieee32 => 4,
        IdxElementType.Ieee64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX element type"),
    };

    /// <summary>Every element converted to float, in stored order (big-endian decoded).</summary>
    public float[] ToSingles()
    {
        var bytes = Data.Span;
        var size = ElementSize(ElementType);
        var result = new float[bytes.Length / size];
        for (var i = 0; i < result.Length; i++)
        {
            var element = bytes.Slice(i * size, size);
            result[i] = ElementType switch
            {
                IdxElementType.UnsignedByte => element[0],
                IdxElementType.SignedByte => (sbyte)element[0],
                IdxElementType.Signed16 => BinaryPrimitives.ReadInt16BigEndian(element),
                IdxElementType.Signed32 => BinaryPrimitives.ReadInt32BigEndian(element),
                IdxElementType.Ieee32 => BinaryPrimitives.ReadSingleBigEndian(element),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(element),
            };
        }
        return result;
    }
}
