using System.Formats.Tar;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// A <c>restore</c>: the backup is read as it downloads, entry by entry; its <c>configuration.cfg</c> becomes
/// what the system runs, and the outcome asks the device to restart so its next hello reports it.
/// </summary>
internal static class RestoreRun
{
    // A configuration is a few hundred KB at most; a bigger entry is not one and is not held in memory.
    private const long MaxConfigurationBytes = 16 * 1024 * 1024;

    public static async Task<CommandOutcome> RunAsync(CommandContext context, string id, CommandMessage command, CancellationToken ct)
    {
        var progress = new CommandProgress(context.Client, id, context.Servers);
        progress.Report(0, 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, FilesClient.For(context.Link, command.Download!));
        MidwayFault? fault = null;
        byte[]? configuration;
        try
        {
            using var response = await context.Settings.Files.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return new CommandOutcome(false, $"download refused: HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            // Without a length, "half way" is the first chunk.
            var length = response.Content.Headers.ContentLength ?? 0;
            fault = new MidwayFault(context, length);
            var body = await response.Content.ReadAsStreamAsync(ct);
            await using (body)
            {
                configuration = await ReadConfigurationAsync(new TransferMeter(body, received =>
                {
                    fault.Check(received);
                    progress.Report(received, length);
                }), ct);
            }
        }
        catch (Exception e) when (fault?.Struck == true || e is HttpRequestException or IOException or OperationCanceledException)
        {
            return fault?.Struck == true ? fault.Outcome() : new CommandOutcome(false, $"download failed: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            return new CommandOutcome(false, $"the backup is not a readable tar archive: {e.Message}");
        }
        var wantsConfiguration = command.Items.Contains(BackupItems.Configuration);
        if (wantsConfiguration && configuration is null)
            return new CommandOutcome(false, $"the backup holds no {PbxConfiguration.FileName}");
        if (wantsConfiguration && configuration is not null)
            context.Configuration.Restore(configuration);
        await progress.FinishAsync();
        var applied = wantsConfiguration ? $"configuration {context.Configuration.Hash()[..12]}… applied" : "nothing to apply";
        return new CommandOutcome(true, $"restored {string.Join(", ", command.Items)}: {applied}; restarting", Restart: true);
    }

    /// <summary>Reads the whole archive, as a system downloads the whole file, and keeps <c>configuration.cfg</c>.</summary>
    private static async Task<byte[]?> ReadConfigurationAsync(Stream archive, CancellationToken ct)
    {
        byte[]? configuration = null;
        var tar = new TarReader(archive, leaveOpen: true);
        await using (tar)
        {
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.Name != PbxConfiguration.FileName || entry.DataStream is not { } data)
                    continue;
                if (entry.Length > MaxConfigurationBytes)
                    throw new InvalidDataException($"{PbxConfiguration.FileName} is {entry.Length} bytes, more than a configuration can be.");
                var bytes = new byte[entry.Length];
                await data.ReadExactlyAsync(bytes, ct);
                configuration = bytes;
            }
        }
        return configuration;
    }
}
