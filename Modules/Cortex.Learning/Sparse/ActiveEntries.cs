namespace Cortex.Learning.Sparse;

/// <summary>
/// The non-zero entries of δ = g_s·σ' of one layer, in row order (row = t·B + b, column = neuron), with the
/// count of entries inside the band (σ' ≠ 0) for the active-fraction report.
/// </summary>
internal sealed class ActiveEntries
{
    private ActiveEntries(int[] rows, int[] columns, float[] values, long inBand)
    {
        Rows = rows;
        Columns = columns;
        Values = values;
        InBand = inBand;
    }

    /// <summary>Row (t·B + b) of each entry.</summary>
    public int[] Rows { get; }

    /// <summary>Neuron of each entry.</summary>
    public int[] Columns { get; }

    /// <summary>δ of each entry.</summary>
    public float[] Values { get; }

    /// <summary>Entries whose membrane was inside the band, whether or not their spike gradient was zero.</summary>
    public long InBand { get; }

    /// <summary>How many entries carry gradient.</summary>
    public int Count => Rows.Length;

    /// <summary>Entry indices grouped by neuron (counting sort: stable, so row order is kept within a neuron).</summary>
    public int[] ColumnOrder { get; private set; } = [];

    /// <summary>Scans δ [rows, columns] (and σ' for the band count).</summary>
    public static ActiveEntries Collect(ReadOnlySpan<float> delta, ReadOnlySpan<float> slope, int rows, int columns)
    {
        var count = 0;
        long inBand = 0;
        for (var k = 0; k < delta.Length; k++)
        {
            if (delta[k] != 0) count++;
            if (slope[k] != 0) inBand++;
        }
        var rowOf = new int[count];
        var columnOf = new int[count];
        var values = new float[count];
        var next = 0;
        for (var n = 0; n < rows; n++)
        {
            var row = delta.Slice(n * columns, columns);
            for (var i = 0; i < columns; i++)
            {
                if (row[i] == 0) continue;
                rowOf[next] = n;
                columnOf[next] = i;
                values[next] = row[i];
                next++;
            }
        }
        return new ActiveEntries(rowOf, columnOf, values, inBand);
    }

    /// <summary>Offsets of each row's entries: row n holds entries [offsets[n], offsets[n+1]).</summary>
    public int[] ByRow(int rows)
    {
        var offsets = new int[rows + 1];
        foreach (var row in Rows) offsets[row + 1]++;
        for (var n = 0; n < rows; n++) offsets[n + 1] += offsets[n];
        return offsets;
    }

    /// <summary>Offsets into <see cref="ColumnOrder"/> of each neuron's entries, filling <see cref="ColumnOrder"/>.</summary>
    public int[] ByColumn(int columns)
    {
        var offsets = new int[columns + 1];
        foreach (var column in Columns) offsets[column + 1]++;
        for (var i = 0; i < columns; i++) offsets[i + 1] += offsets[i];
        var fill = (int[])offsets.Clone();
        var order = new int[Count];
        for (var k = 0; k < Count; k++) order[fill[Columns[k]]++] = k;
        ColumnOrder = order;
        return offsets;
    }
}
