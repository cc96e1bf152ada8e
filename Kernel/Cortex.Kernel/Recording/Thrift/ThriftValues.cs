namespace Cortex.Recording.Thrift;

/// <summary>
/// A Thrift struct as read from the compact protocol, field by field in wire order, with no schema. The Parquet footer
/// merge needs to change a handful of fields (offsets, row counts) and pass every other field, known or not, through
/// unchanged; a schema-less tree does both with one small codec.
/// </summary>
internal sealed class ThriftStruct
{
    public List<ThriftField> Fields { get; } = [];

    /// <summary>The field with id <paramref name="id"/>, or null.</summary>
    public ThriftField? Field(short id) => Fields.Find(f => f.Id == id);

    /// <summary>The struct held by field <paramref name="id"/>, or null.</summary>
    public ThriftStruct? Struct(short id) => Field(id)?.Value as ThriftStruct;

    /// <summary>The list held by field <paramref name="id"/>, or null.</summary>
    public ThriftList? List(short id) => Field(id)?.Value as ThriftList;

    /// <summary>Adds <paramref name="delta"/> to the i64 field <paramref name="id"/> when it is present.</summary>
    public void Shift(short id, long delta)
    {
        if (Field(id) is { Value: long value } field)
        {
            field.Value = value + delta;
        }
    }
}

/// <summary>One field of a <see cref="ThriftStruct"/>: its id, its compact-protocol type and its value.</summary>
/// <remarks>
/// Values by type: bool (1, 2), sbyte (3), short (4), int (5), long (6), double (7), byte[] (8), <see cref="ThriftList"/>
/// (9, 10), <see cref="ThriftMap"/> (11), <see cref="ThriftStruct"/> (12).
/// </remarks>
internal sealed class ThriftField(short id, byte type, object value)
{
    public short Id { get; } = id;

    public byte Type { get; } = type;

    public object Value { get; set; } = value;
}

/// <summary>A Thrift list or set: its element type and elements.</summary>
internal sealed class ThriftList(byte elementType, List<object> items)
{
    public byte ElementType { get; } = elementType;

    public List<object> Items { get; } = items;
}

/// <summary>A Thrift map: its key and value types and its entries in wire order.</summary>
internal sealed class ThriftMap(byte keyType, byte valueType, List<KeyValuePair<object, object>> entries)
{
    public byte KeyType { get; } = keyType;

    public byte ValueType { get; } = valueType;

    public List<KeyValuePair<object, object>> Entries { get; } = entries;
}

/// <summary>Builds a <see cref="ThriftStruct"/> field by field, in ascending id order (as the compact protocol writes them best).</summary>
internal static class ThriftStructBuilder
{
    public static ThriftStruct I32(this ThriftStruct value, short id, int content) => value.Add(id, ThriftCompact.I32, content);

    public static ThriftStruct I64(this ThriftStruct value, short id, long content) => value.Add(id, ThriftCompact.I64, content);

    public static ThriftStruct Binary(this ThriftStruct value, short id, byte[] content) => value.Add(id, ThriftCompact.Binary, content);

    public static ThriftStruct Text(this ThriftStruct value, short id, string content) => value.Binary(id, System.Text.Encoding.UTF8.GetBytes(content));

    public static ThriftStruct Struct(this ThriftStruct value, short id, ThriftStruct content) => value.Add(id, ThriftCompact.Struct, content);

    public static ThriftStruct List(this ThriftStruct value, short id, byte elementType, IEnumerable<object> items) =>
        value.Add(id, ThriftCompact.List, new ThriftList(elementType, [.. items]));

    private static ThriftStruct Add(this ThriftStruct value, short id, byte type, object content)
    {
        value.Fields.Add(new ThriftField(id, type, content));
        return value;
    }
}
