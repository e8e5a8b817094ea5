using System.IO.Pipelines;
using System.Text;
using Com.Grains.Interfaces.Customers;
using Com.Simulator;
using Com.Storage.Files;

namespace Com.Harness.Backups;

/// <summary>
/// One simulated system's backup of one night, made by the simulator's own archive code and streamed into the file
/// store through a pipe: the archive is written as the store reads it, never whole in memory.
/// </summary>
public static class NightlyArchive
{
    /// <summary>Saves the backup <paramref name="system"/> makes in change period <paramref name="generation"/> (its day number, so a few
    /// configuration lines change each night), taken at <paramref name="takenAt"/> and padded to about <paramref name="size"/> bytes.</summary>
    public static async Task<StoredFile> SaveAsync(PostgresFileStore store, CustomerPlan system, long generation, DateTimeOffset takenAt, long size)
    {
        var configuration = Encoding.UTF8.GetBytes(PbxConfiguration.Render(system, generation));
        // What COM's nightly backup asks this system for. The simulator pads the archive to the size asked with noise
        // fixed per system, as a system's voicemail and media barely change from night to night.
        var archive = BackupArchive.For(system, configuration, AutomaticItems(system), size);
        var pipe = new Pipe();
        var writing = WriteAsync(archive, pipe.Writer, takenAt);
        await using var reader = pipe.Reader.AsStream();
        var stored = await store.SaveAsync(reader, new FileMetadata("backup", $"bench-{system.Index}", $"automatic-{takenAt:yyyyMMdd}.tar"));
        await writing;
        return stored;
    }

    private static string[] AutomaticItems(CustomerPlan system) => Grains.Interfaces.Backups.BackupItems.AutomaticFor(
        string.Equals(system.System.Profile, "Server Edition", StringComparison.OrdinalIgnoreCase) ? SystemProfile.ServerEdition : SystemProfile.Unknown);

    private static async Task WriteAsync(BackupArchive archive, PipeWriter writer, DateTimeOffset takenAt)
    {
        // On another thread, so the pipe's back-pressure pauses the archive while the store catches up.
        await Task.Yield();
        try
        {
            await using (var stream = writer.AsStream(leaveOpen: true))
                await archive.WriteAsync(stream, takenAt, CancellationToken.None);
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e);
            throw;
        }
    }
}
