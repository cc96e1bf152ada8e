namespace Cortex.Recording.Thrift;

/// <summary>The compact protocol's type codes (Apache Thrift, <c>doc/specs/thrift-compact-protocol.md</c>).</summary>
internal static class ThriftCompact
{
    public const byte BoolTrue = 1;
    public const byte BoolFalse = 2;
    public const byte Byte = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;
}
