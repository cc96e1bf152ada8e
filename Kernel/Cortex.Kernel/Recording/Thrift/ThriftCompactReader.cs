using System.Buffers.Binary;

namespace Cortex.Recording.Thrift;

/// <summary>Reads a compact-protocol struct into a schema-less <see cref="ThriftStruct"/> (every field kept).</summary>
internal sealed class ThriftCompactReader(ReadOnlyMemory<byte> bytes)
{
    private const int MaxDepth = 64;
    private readonly ReadOnlyMemory<byte> _bytes = bytes;
    private int _position;

    /// <summary>Where the next byte would be read: after <see cref="ReadStruct"/>, the struct's length.</summary>
    public int Position => _position;

    public ThriftStruct ReadStruct() => ReadStructAt(0);

    private ThriftStruct ReadStructAt(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("Thrift struct nested too deeply");
        }
        var result = new ThriftStruct();
        short last = 0;
        while (true)
        {
            var header = ReadByte();
            if (header == 0)
            {
                return result;
            }
            var type = (byte)(header & 0x0F);
            var delta = header >> 4;
            var id = delta == 0 ? (short)ZigZag(ReadVarint()) : (short)(last + delta);
            last = id;
            object value = type switch
            {
                ThriftCompact.BoolTrue => true,
                ThriftCompact.BoolFalse => false,
                _ => ReadValue(type, depth),
            };
            result.Fields.Add(new ThriftField(id, type, value));
        }
    }

    private object ReadValue(byte type, int depth)
    {
        switch (type)
        {
            case ThriftCompact.BoolTrue:
            case ThriftCompact.BoolFalse:
                // Inside a list or map a bool is one byte of its own (1 = true).
                return ReadByte() == ThriftCompact.BoolTrue;
            case ThriftCompact.Byte:
                return (sbyte)ReadByte();
            case ThriftCompact.I16:
                return (short)ZigZag(ReadVarint());
            case ThriftCompact.I32:
                return (int)ZigZag(ReadVarint());
            case ThriftCompact.I64:
                return ZigZag(ReadVarint());
            case ThriftCompact.Double:
                return BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
            case ThriftCompact.Binary:
                return Take(Length()).ToArray();
            case ThriftCompact.List:
            case ThriftCompact.Set:
            {
                var header = ReadByte();
                var size = header >> 4;
                if (size == 15)
                {
                    size = Length();
                }
                var elementType = (byte)(header & 0x0F);
                var items = new List<object>(Math.Min(size, 1024));
                for (var i = 0; i < size; i++)
                {
                    items.Add(ReadValue(elementType, depth + 1));
                }
                return new ThriftList(elementType, items);
            }
            case ThriftCompact.Map:
            {
                var size = Length();
                var entries = new List<KeyValuePair<object, object>>();
                if (size == 0)
                {
                    return new ThriftMap(0, 0, entries);
                }
                var types = ReadByte();
                var keyType = (byte)(types >> 4);
                var valueType = (byte)(types & 0x0F);
                for (var i = 0; i < size; i++)
                {
                    var key = ReadValue(keyType, depth + 1);
                    entries.Add(new(key, ReadValue(valueType, depth + 1)));
                }
                return new ThriftMap(keyType, valueType, entries);
            }
            case ThriftCompact.Struct:
                return ReadStructAt(depth + 1);
            default:
                throw new InvalidDataException($"unknown Thrift compact type {type} at byte {_position}");
        }
    }

    private int Length()
    {
        var length = ReadVarint();
        if (length > (ulong)(_bytes.Length - _position))
        {
            throw new InvalidDataException($"Thrift length {length} at byte {_position} runs past the end");
        }
        return (int)length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - _position)
        {
            throw new InvalidDataException("Thrift struct runs past the end");
        }
        var span = _bytes.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    private byte ReadByte() => Take(1)[0];

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new InvalidDataException("Thrift varint longer than 10 bytes");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
