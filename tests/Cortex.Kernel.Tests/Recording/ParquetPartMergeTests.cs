using Cortex.Recording;
using Cortex.Recording.KillTarget;
using Cortex.Recording.Thrift;
using Parquet.Utils;
using ParquetSharp;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// The byte-for-byte merge of a recording's parts (<see cref="ParquetPartMerger"/>): read back by Apache Arrow's C++
/// reader (ParquetSharp) and by ours, compared with the closed-form rows that were recorded and with Parquet.Net's own
/// decode/re-encode merge of the same parts; and applied to files an independent writer (Arrow C++) produced, with
/// dictionary pages, statistics and page indexes whose offsets must all be shifted.
/// </summary>
public sealed class ParquetPartMergeTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(RecordingTestData.NewTempDir()).FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void ManyParts_MergeToOneFile_ThatBothReadersReadRowForRow()
    {
        const int rows = 300, flushes = 12;
        var (spikesFile, stateFile, _) = Record(rows, flushes, copyPartsTo: null);

        Assert.True(File.Exists(spikesFile) && File.Exists(stateFile));
        Assert.False(Directory.Exists(ParquetParts.Folder(spikesFile)), "the parts are removed after the merge");
        using (var reader = new ParquetFileReader(spikesFile))
        {
            Assert.Equal(flushes, reader.FileMetaData.NumRowGroups);
            Assert.Equal(rows * flushes, reader.FileMetaData.NumRows);
            Assert.Equal("[\"exc\",\"inh\"]", reader.FileMetaData.KeyValueMetadata[ParquetSpikeSink.PopulationsKey]);
        }
        var layout = KillTargetData.Layout;
        var arrow = ArrowParquet.ReadSpikes(spikesFile);
        var ours = ParquetRecordingReader.ReadSpikes(spikesFile, layout);
        Assert.Equal(rows * flushes, arrow.Count);
        Assert.Equal(rows * flushes, ours.Count);
        for (var i = 0; i < arrow.Count; i++)
        {
            var expected = KillTargetData.Spike(i);
            Assert.Equal((layout.Populations[expected.Population], expected.Neuron, expected.Step * layout.Dt), arrow[i]);
            Assert.Equal(expected, ours[i]);
        }
        var state = ArrowParquet.ReadState(stateFile);
        var ourState = ParquetRecordingReader.ReadSamples(stateFile, layout);
        Assert.Equal(rows * flushes, state.Count);
        Assert.Equal(rows * flushes, ourState.Count);
        for (var i = 0; i < state.Count; i++)
        {
            var expected = KillTargetData.Sample(i);
            Assert.Equal(("exc", "v", expected.Neuron, expected.Step * layout.Dt, expected.Value, "mV"), state[i]);
            Assert.Equal(expected, ourState[i]);
        }
    }

    [Fact]
    public void MergedFile_EqualsParquetNetsDecodeReencodeMerge_RowForRow()
    {
        var parts = Path.Combine(_dir, "kept");
        var (spikesFile, stateFile, metadata) = Record(250, 7, copyPartsTo: parts);

        foreach (var (file, name) in new[] { (spikesFile, ParquetSpikeSink.FileName), (stateFile, ParquetStateSink.FileName) })
        {
            var old = Path.Combine(_dir, "old-" + name);
            OldMerge(Directory.GetFiles(Path.Combine(parts, name + ParquetParts.FolderSuffix), "*.parquet").Order(StringComparer.Ordinal), old, metadata[name]);
            // Parquet.Net 6.1's merger copies the column chunks of a file it wrote and writes the same footer, so today
            // the state files are identical byte for byte (the spikes' own encoder writes other bytes, which Parquet.Net
            // re-encodes); the row-for-row checks below are what must hold whatever Parquet.Net does next.
            if (name == ParquetStateSink.FileName) Assert.Equal(File.ReadAllBytes(old), File.ReadAllBytes(file));
            Assert.Equal(ArrowParquet.ColumnNames(old), ArrowParquet.ColumnNames(file));
            Assert.Equal(ArrowParquet.Metadata(old), ArrowParquet.Metadata(file));
            if (name == ParquetSpikeSink.FileName)
            {
                Assert.Equal(ArrowParquet.ReadSpikes(old), ArrowParquet.ReadSpikes(file));
            }
            else
            {
                Assert.Equal(ArrowParquet.ReadState(old), ArrowParquet.ReadState(file));
            }
        }
    }

    [Fact]
    public void FilesOfAnIndependentWriter_WithDictionariesStatisticsAndPageIndexes_MergeAndReadBack()
    {
        // Arrow C++ writes dictionary pages, statistics and (asked here) column and offset indexes: every offset kind the
        // merge shifts. Three files of different sizes, so each part's bytes move by a different amount.
        var files = new List<string>();
        var expected = new List<(int, string)>();
        for (var f = 0; f < 3; f++)
        {
            var path = Path.Combine(_dir, $"arrow{f}.parquet");
            files.Add(path);
            var n = 100 + 400 * f;
            var ids = Enumerable.Range(0, n).Select(i => i * (f + 1)).ToArray();
            var names = Enumerable.Range(0, n).Select(i => "name" + (i % (3 + f))).ToArray();
            expected.AddRange(ids.Zip(names));
            using var properties = new WriterPropertiesBuilder().EnableDictionary().EnableStatistics().EnableWritePageIndex().Build();
            using var writer = new ParquetFileWriter(path, [new Column<int>("id"), new Column<string>("name")], properties);
            using (var group = writer.AppendRowGroup())
            {
                using (var column = group.NextColumn().LogicalWriter<int>())
                {
                    column.WriteBatch(ids);
                }
                using (var column = group.NextColumn().LogicalWriter<string>())
                {
                    column.WriteBatch(names);
                }
            }
            writer.Close();
        }

        // The codec reads and writes an independent writer's footer to the very same bytes.
        using (var input = File.OpenRead(files[2]))
        {
            var (footer, start) = ParquetPartMerger.ReadFooter(input, files[2]);
            var original = new byte[input.Length - 8 - start];
            input.Position = start;
            input.ReadExactly(original);
            using var again = new MemoryStream();
            new ThriftCompactWriter(again).WriteStruct(footer);
            Assert.Equal(original, again.ToArray());
        }

        var merged = Path.Combine(_dir, "merged.parquet");
        using (var output = File.Create(merged))
        {
            ParquetPartMerger.Merge(files, output);
        }
        using (var input = File.OpenRead(merged))
        {
            // The offsets this test means to exercise are really there: page index (column chunk fields 4 and 6) and
            // dictionary page (column metadata field 11), in every row group.
            var (footer, _) = ParquetPartMerger.ReadFooter(input, merged);
            foreach (var group in footer.List(4)!.Items.Cast<ThriftStruct>())
            {
                var chunk = (ThriftStruct)group.List(1)!.Items[1];
                Assert.True(chunk.Field(4)?.Value is long and > 0 && chunk.Field(6)?.Value is long and > 0, "Arrow wrote a page index");
                Assert.True(chunk.Struct(3)!.Field(11)?.Value is long and > 0, "Arrow wrote a dictionary page");
            }
        }
        var rows = new List<(int, string)>();
        using (var reader = new ParquetFileReader(merged))
        {
            Assert.Equal(3, reader.FileMetaData.NumRowGroups);
            for (var g = 0; g < 3; g++)
            {
                using var group = reader.RowGroup(g);
                var n = checked((int)group.MetaData.NumRows);
                using var idReader = group.Column(0).LogicalReader<int>();
                using var nameReader = group.Column(1).LogicalReader<string>();
                var ids = idReader.ReadAll(n);
                var names = nameReader.ReadAll(n);
                rows.AddRange(ids.Zip(names));
                // Statistics are read through the shifted column metadata; max id of row group g is (n - 1)(g + 1).
                using var stats = group.MetaData.GetColumnChunkMetaData(0).Statistics;
                Assert.Equal((n - 1) * (g + 1), ((Statistics<int>)stats!).Max);
            }
        }
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void PartsOfDifferentSchemas_AreRefused()
    {
        var a = Path.Combine(_dir, "a.parquet");
        var b = Path.Combine(_dir, "b.parquet");
        foreach (var (path, name) in new[] { (a, "x"), (b, "y") })
        {
            using var writer = new ParquetFileWriter(path, [new Column<int>(name)]);
            using (var group = writer.AppendRowGroup())
            {
                using var column = group.NextColumn().LogicalWriter<int>();
                column.WriteBatch([1, 2, 3]);
            }
            writer.Close();
        }
        using var output = new MemoryStream();
        var error = Assert.Throws<InvalidDataException>(() => ParquetPartMerger.Merge([a, b], output));
        Assert.Contains("schema differs", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Records <paramref name="flushes"/> flushes of closed-form rows (<see cref="KillTargetData"/>) and completes the files;
    /// with <paramref name="copyPartsTo"/>, copies both parts folders there first.
    /// </summary>
    private (string Spikes, string State, Dictionary<string, IReadOnlyDictionary<string, string>> Metadata) Record(int rows, int flushes, string? copyPartsTo)
    {
        var spikes = new ParquetSpikeSink(_dir, int.MaxValue);
        var state = new ParquetStateSink(_dir, int.MaxValue);
        spikes.Open(KillTargetData.Layout);
        state.Open(KillTargetData.Layout);
        long next = 0;
        for (var k = 0; k < flushes; k++)
        {
            var spikeRows = new SpikeRecord[rows];
            var stateRows = new StateSample[rows];
            for (var r = 0; r < rows; r++, next++)
            {
                spikeRows[r] = KillTargetData.Spike(next);
                stateRows[r] = KillTargetData.Sample(next);
            }
            spikes.WriteSpikes(spikeRows);
            state.WriteSamples(stateRows);
            spikes.Flush();
            state.Flush();
        }
        var spikesFile = Path.Combine(_dir, ParquetSpikeSink.FileName);
        var stateFile = Path.Combine(_dir, ParquetStateSink.FileName);
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [ParquetSpikeSink.FileName] = ArrowParquet.Metadata(Path.Combine(ParquetParts.Folder(spikesFile), ParquetParts.PartName(0))),
            [ParquetStateSink.FileName] = ArrowParquet.Metadata(Path.Combine(ParquetParts.Folder(stateFile), ParquetParts.PartName(0))),
        };
        if (copyPartsTo is not null)
        {
            foreach (var file in new[] { spikesFile, stateFile })
            {
                var target = Path.Combine(copyPartsTo, Path.GetFileName(ParquetParts.Folder(file)));
                Directory.CreateDirectory(target);
                foreach (var part in Directory.GetFiles(ParquetParts.Folder(file)))
                {
                    File.Copy(part, Path.Combine(target, Path.GetFileName(part)));
                }
            }
        }
        spikes.Complete();
        state.Complete();
        return (spikesFile, stateFile, metadata);
    }

    /// <summary>The merge before this change: Parquet.Net decodes every part and writes it again.</summary>
    private static void OldMerge(IEnumerable<string> parts, string target, IReadOnlyDictionary<string, string> metadata)
    {
        using var output = File.Create(target);
        Task.Run(async () =>
        {
            var merger = new FileMerger(parts.Select(p => new FileInfo(p)));
            await using (merger.ConfigureAwait(false))
            {
                await merger.MergeFilesAsync(output, null, default, new Dictionary<string, string>(metadata)).ConfigureAwait(false);
            }
        }).GetAwaiter().GetResult();
    }
}
