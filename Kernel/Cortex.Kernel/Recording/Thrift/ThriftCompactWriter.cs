using System.Buffers.Binary;

namespace Cortex.Recording.Thrift;

/// <summary>Writes a <see cref="ThriftStruct"/> in the compact protocol (the inverse of <see cref="ThriftCompactReader"/>).</summary>
internal sealed class ThriftCompactWriter(Stream output)
{
    private readonly Stream _output = output;

    public void WriteStruct(ThriftStruct value)
    {
        short last = 0;
        foreach (var field in value.Fields)
        {
            var type = field.Type is ThriftCompact.BoolTrue or ThriftCompact.BoolFalse
                ? (field.Value is true ? ThriftCompact.BoolTrue : ThriftCompact.BoolFalse)
                : field.Type;
            var delta = field.Id - last;
            if (delta is > 0 and <= 15)
            {
                _output.WriteByte((byte)((delta << 4) | type));
            }
            else
            {
                _output.WriteByte(type);
                WriteVarint(ZigZag(field.Id));
            }
            last = field.Id;
            if (type is not (ThriftCompact.BoolTrue or ThriftCompact.BoolFalse))
            {
                WriteValue(type, field.Value);
            }
        }
        _output.WriteByte(0);
    }

    private void WriteValue(byte type, object value)
    {
        switch (type)
        {
            case ThriftCompact.BoolTrue:
            case ThriftCompact.BoolFalse:
                // Inside a list or map a bool is one byte of its own (the reference implementations write 1 or 2).
                _output.WriteByte((bool)value ? ThriftCompact.BoolTrue : ThriftCompact.BoolFalse);
                break;
            case ThriftCompact.Byte:
                _output.WriteByte((byte)(sbyte)value);
                break;
            case ThriftCompact.I16:
                WriteVarint(ZigZag((short)value));
                break;
            case ThriftCompact.I32:
                WriteVarint(ZigZag((int)value));
                break;
            case ThriftCompact.I64:
                WriteVarint(ZigZag((long)value));
                break;
            case ThriftCompact.Double:
            {
                Span<byte> buffer = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, (double)value);
                _output.Write(buffer);
                break;
            }
            case ThriftCompact.Binary:
            {
                var bytes = (byte[])value;
                WriteVarint((ulong)bytes.Length);
                _output.Write(bytes);
                break;
            }
            case ThriftCompact.List:
            case ThriftCompact.Set:
            {
                var list = (ThriftList)value;
                if (list.Items.Count < 15)
                {
                    _output.WriteByte((byte)((list.Items.Count << 4) | list.ElementType));
                }
                else
                {
                    _output.WriteByte((byte)(0xF0 | list.ElementType));
                    WriteVarint((ulong)list.Items.Count);
                }
                foreach (var item in list.Items)
                {
                    WriteValue(list.ElementType, item);
                }
                break;
            }
            case ThriftCompact.Map:
            {
                var map = (ThriftMap)value;
                WriteVarint((ulong)map.Entries.Count);
                if (map.Entries.Count > 0)
                {
                    _output.WriteByte((byte)((map.KeyType << 4) | map.ValueType));
                    foreach (var (key, item) in map.Entries)
                    {
                        WriteValue(map.KeyType, key);
                        WriteValue(map.ValueType, item);
                    }
                }
                break;
            }
            case ThriftCompact.Struct:
                WriteStruct((ThriftStruct)value);
                break;
            default:
                throw new InvalidDataException($"unknown Thrift compact type {type}");
        }
    }

    private void WriteVarint(ulong n)
    {
        while (n >= 0x80)
        {
            _output.WriteByte((byte)(n | 0x80));
            n >>= 7;
        }
        _output.WriteByte((byte)n);
    }

    private static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));
}
