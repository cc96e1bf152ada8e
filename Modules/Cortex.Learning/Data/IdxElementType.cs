namespace Cortex.Learning.Data;

/// <summary>The element type code of an IDX file (third byte of the magic number).</summary>
public enum IdxElementType : byte
{
    /// <summary>Unsigned byte (MNIST and Fashion-MNIST pixels and labels).</summary>
    UnsignedByte = 0x08,
    /// <summary>Signed byte.</summary>
    SignedByte = 0x09,
    /// <summary>16-bit signed integer, big-endian.</summary>
    Signed16 = 0x0B,
    /// <summary>32-bit signed integer, big-endian.</summary>
    Signed32 = 0x0C,
    /// <summary>32-bit IEEE float, big-endian.</summary>
    Ieee32 = 0x0D,
    /// <summary>64-bit IEEE float, big-endian.</summary>
    Ieee64 = 0x0E,
}
