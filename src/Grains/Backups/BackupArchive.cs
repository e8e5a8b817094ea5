using System.Formats.Tar;
using System.Text;

namespace Com.Grains.Backups;

/// <summary>
/// A backup file as systems upload it: a tar archive whose <c>configuration.cfg</c> entry is the system's configuration
/// (docs/device-protocol.md). Read as a stream; entries before the configuration are skipped, not loaded.
/// </summary>
public static class BackupArchive
{
    public const string ConfigurationEntry = "configuration.cfg";

    /// <summary>A configuration larger than this is not text a person compares; the diff refuses it.</summary>
    public const int MaxConfigurationBytes = 16 * 1024 * 1024;

    /// <summary>The configuration's text, or null when the file is not a tar or holds no configuration entry.</summary>
    /// <exception cref="InvalidDataException">The configuration entry is larger than <see cref="MaxConfigurationBytes"/>.</exception>
    public static async Task<string?> ReadConfigurationAsync(Stream backup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backup);
        try
        {
            await using var archive = new TarReader(backup, leaveOpen: true);
            while (await archive.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.Name != ConfigurationEntry || entry.DataStream is null)
                    continue;
                if (entry.Length > MaxConfigurationBytes)
                    throw new InvalidDataException($"the configuration is {entry.Length} bytes; at most {MaxConfigurationBytes} are compared");
                using var text = new StreamReader(entry.DataStream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
                return await text.ReadToEndAsync(cancellationToken);
            }
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("the configuration is", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
