namespace Cortex.Nir;

/// <summary>
/// A dense float32 array with a shape (row-major, like numpy's default): NIR stores every parameter
/// this way, per neuron or per weight, so one type carries them all.
/// </summary>
public sealed record NirTensor
{
    /// <summary>Creates a tensor; the product of <paramref name="shape"/> must equal the data length.</summary>
    public NirTensor(int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"shape [{string.Join(", ", shape)}]: dimensions must be >= 0", nameof(shape));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} values, got {data.Length}", nameof(data));
        Shape = shape;
        Data = data;
    }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Values in row-major order.</summary>
    public float[] Data { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of values.</summary>
    public int Length => Data.Length;

    /// <summary>Element (row, col) of a rank-2 tensor.</summary>
    public float this[int row, int col] => Rank == 2
        ? Data[row * Shape[1] + col]
        : throw new InvalidOperationException($"tensor of shape [{ShapeText}] is not a matrix");

    /// <summary>The shape as NIR error messages print it, e.g. "3, 4".</summary>
    public string ShapeText => string.Join(", ", Shape);

    /// <summary>A rank-1 tensor holding <paramref name="values"/>.</summary>
    public static NirTensor Vector(params float[] values) => new([values.Length], values);

    /// <summary>A rank-1 tensor of <paramref name="length"/> copies of <paramref name="value"/>.</summary>
    public static NirTensor Filled(int length, float value) => Vector(Enumerable.Repeat(value, length).ToArray());

    /// <summary>A rank-2 tensor [rows, cols] from row-major <paramref name="values"/>.</summary>
    public static NirTensor Matrix(int rows, int cols, float[] values) => new([rows, cols], values);

    /// <summary>True when shape and every value's bits are equal (NaN payloads and −0 included).</summary>
    public bool BitwiseEquals(NirTensor? other) =>
        other is not null && Shape.AsSpan().SequenceEqual(other.Shape) &&
        Data.Select(BitConverter.SingleToInt32Bits).SequenceEqual(other.Data.Select(BitConverter.SingleToInt32Bits));
}
