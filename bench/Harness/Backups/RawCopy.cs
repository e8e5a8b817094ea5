using System.Diagnostics;
using Com.Simulator;
using Npgsql;
using NpgsqlTypes;

namespace Com.Harness.Backups;

/// <summary>
/// The yardstick of backup-stream: the same amount of the same kind of bytes (the simulator's backup noise) copied
/// into a plain bytea table with binary COPY, 256 KiB a row (the store's largest chunk), nothing else done.
/// </summary>
public static class RawCopy
{
    private const int Row = 256 * 1024;

    /// <returns>How long the copy took, the table dropped again afterwards.</returns>
    public static async Task<TimeSpan> TimeAsync(NpgsqlDataSource dataSource, long length)
    {
        await using (var create = dataSource.CreateCommand("DROP TABLE IF EXISTS bench_raw_bytea; CREATE TABLE bench_raw_bytea (data bytea NOT NULL)"))
            await create.ExecuteNonQueryAsync();
        // Stored as the chunks are: out of line, not compressed.
        await using (var storage = dataSource.CreateCommand("ALTER TABLE bench_raw_bytea ALTER COLUMN data SET STORAGE EXTERNAL"))
            await storage.ExecuteNonQueryAsync();
        var buffer = new byte[Row];
        await using var content = new PseudoRandomStream(seed: 500, length);
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_raw_bytea (data) FROM STDIN (FORMAT BINARY)"))
        {
            int count;
            while ((count = await content.ReadAtLeastAsync(buffer, Row, throwOnEndOfStream: false)) > 0)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(new ArraySegment<byte>(buffer, 0, count), NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        var elapsed = clock.Elapsed;
        await using (var drop = dataSource.CreateCommand("DROP TABLE bench_raw_bytea"))
            await drop.ExecuteNonQueryAsync();
        return elapsed;
    }
}
