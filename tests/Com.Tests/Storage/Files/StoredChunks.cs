using System.Security.Cryptography;
using Com.Storage.Files;
using Npgsql;

namespace Com.Tests.Storage.Files;

/// <summary>What tests look up about chunks: which a content is cut into, and which of those the database holds.</summary>
public static class StoredChunks
{
    /// <summary>The hashes of the chunks the store cuts <paramref name="content"/> into, in order; the last may be a partial one.</summary>
    public static List<byte[]> HashesOf(Stream content, ChunkSizes? sizes = null)
    {
        var chunker = new ContentDefinedChunker(sizes ?? ChunkSizes.Default);
        using var current = new MemoryStream();
        var hashes = new List<byte[]>();
        var buffer = new byte[64 * 1024];
        int count;
        while ((count = content.Read(buffer)) > 0)
        {
            for (var offset = 0; offset < count;)
            {
                var taken = chunker.Take(buffer.AsSpan(offset, count - offset), out var cut);
                current.Write(buffer, offset, taken);
                offset += taken;
                if (cut)
                {
                    hashes.Add(SHA256.HashData(current.GetBuffer().AsSpan(0, (int)current.Length)));
                    current.SetLength(0);
                }
            }
        }
        if (current.Length > 0)
            hashes.Add(SHA256.HashData(current.GetBuffer().AsSpan(0, (int)current.Length)));
        return hashes;
    }

    public static async Task<int> CountPresentAsync(NpgsqlDataSource dataSource, IEnumerable<byte[]> hashes)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::integer FROM com_file_chunks WHERE hash = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = hashes.Distinct(ByteArrays.Comparer).ToArray() });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Bytes of the distinct chunks the files reference: what they cost in the database together.</summary>
    public static async Task<long> BytesOfFilesAsync(NpgsqlDataSource dataSource, IEnumerable<Guid> files)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(length), 0)::bigint FROM com_file_chunks WHERE hash IN (SELECT chunk_hash FROM com_file_parts WHERE file_id = ANY($1))");
        command.Parameters.Add(new NpgsqlParameter { Value = files.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> Sha256Async(Stream content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[128 * 1024];
        int count;
        while ((count = await content.ReadAsync(buffer)) > 0)
            sha.AppendData(buffer, 0, count);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrays Comparer = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj, 0);
    }
}
