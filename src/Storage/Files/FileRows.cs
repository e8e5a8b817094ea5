using Npgsql;

namespace Com.Storage.Files;

/// <summary>Reading <c>com_files</c> rows: the columns every query selects, in this order, then the chunk count.</summary>
internal static class FileRows
{
    public const string Columns = "id, category, owner, name, length, sha256, created_at, chunk_count";

    public static StoredFile Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(5)),
        reader.GetFieldValue<DateTimeOffset>(6));

    public static int ChunkCount(NpgsqlDataReader reader) => reader.GetInt32(7);
}
