using System.Formats.Tar;
using System.Text;

namespace Com.Simulator;

/// <summary>One file of a backup; <see cref="Open"/> makes its content only when the archive reaches it.</summary>
internal sealed record BackupEntry(string Name, long Length, Func<Stream> Open);

/// <summary>
/// A system's backup as a POSIX (ustar) tar: <c>configuration.cfg</c>, then one entry per other item. It is
/// written straight to a stream entry by entry, so a backup of hundreds of MB never exists in memory; its length
/// is known in advance, for progress and the upload's Content-Length.
/// </summary>
internal sealed class BackupArchive
{
    private const int Block = 512;
    private const long VoicemailBytes = 256 * 1024;
    private const long SelectedVoicemailBytes = 64 * 1024;
    private const long MediaBytes = 128 * 1024;
    private const string PaddingName = "data.bin";

    private BackupArchive(IReadOnlyList<BackupEntry> entries) => Entries = entries;

    public IReadOnlyList<BackupEntry> Entries { get; }

    /// <summary>The archive's exact size: a header block per entry, its data padded to whole blocks, two end blocks.</summary>
    public long Length => Entries.Sum(e => Block + RoundUp(e.Length)) + (2 * Block);

    /// <param name="customer">The system backed up.</param>
    /// <param name="configuration">The bytes of the configuration it runs, <c>configuration.cfg</c>.</param>
    /// <param name="items">The items COM asked for, names already checked; <c>service:&lt;name&gt;</c> for a service.</param>
    /// <param name="targetSize">Pad the archive with noise to about this many bytes; null adds none.</param>
    public static BackupArchive For(CustomerPlan customer, byte[] configuration, IReadOnlyList<string> items, long? targetSize)
    {
        var seed = StableMix.Of(customer.Name);
        var entries = new List<BackupEntry>();
        var noise = new List<int>();
        foreach (var item in items.Distinct(StringComparer.Ordinal))
        {
            switch (item)
            {
                case BackupItems.Configuration:
                    entries.Add(new BackupEntry(PbxConfiguration.FileName, configuration.Length, () => new MemoryStream(configuration, writable: false)));
                    break;
                case BackupItems.Voicemail:
                    noise.Add(entries.Count);
                    entries.Add(Noise("voicemail/messages.bin", StableMix.Mix(seed, 1), VoicemailBytes));
                    break;
                case BackupItems.VoicemailSelective:
                    noise.Add(entries.Count);
                    entries.Add(Noise("voicemail/selected.bin", StableMix.Mix(seed, 4), SelectedVoicemailBytes));
                    break;
                case BackupItems.MediaManager:
                    noise.Add(entries.Count);
                    entries.Add(Noise("media-manager/data.bin", StableMix.Mix(seed, 2), MediaBytes));
                    break;
                case BackupItems.AllServices:
                    foreach (var service in customer.Servers.SelectMany(BackupItems.ServicesOf).Distinct(StringComparer.Ordinal))
                        entries.AddRange(ServiceEntries(customer, service));
                    break;
                default:
                    entries.AddRange(ServiceEntries(customer, BackupItems.ServiceName(item)));
                    break;
            }
        }
        var archive = new BackupArchive(entries);
        return targetSize is { } target ? archive.PaddedTo(target, noise, StableMix.Mix(seed, 3)) : archive;
    }

    /// <summary>Writes the archive to <paramref name="destination"/>, entry by entry, and leaves it open.</summary>
    public async Task WriteAsync(Stream destination, DateTimeOffset modified, CancellationToken ct)
    {
        var tar = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        await using (tar)
        {
            foreach (var entry in Entries)
            {
                var data = entry.Open();
                await using (data)
                {
                    var header = new UstarTarEntry(TarEntryType.RegularFile, entry.Name)
                    {
                        DataStream = data,
                        ModificationTime = modified,
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    };
                    await tar.WriteEntryAsync(header, ct);
                }
            }
        }
    }

    // The noise goes into the voicemail or media entry when there is one, where a real backup's bulk would be.
    private BackupArchive PaddedTo(long target, List<int> noise, ulong seed)
    {
        var missing = target - Length;
        if (missing <= 0)
            return this;
        var entries = Entries.ToList();
        if (noise.Count > 0)
        {
            var at = noise[0];
            entries[at] = Noise(entries[at].Name, StableMix.Mix(seed, 1), entries[at].Length + missing);
        }
        else
        {
            entries.Add(Noise(PaddingName, seed, Math.Max(0, missing - Block)));
        }
        return new BackupArchive(entries);
    }

    private static IEnumerable<BackupEntry> ServiceEntries(CustomerPlan customer, string service)
    {
        var servers = customer.Servers.Where(s => BackupItems.ServicesOf(s).Contains(service)).ToList();
        // A service no server claims is still backed up where COM would expect it, on the primary.
        if (servers.Count == 0)
            servers.Add(customer.Servers[0]);
        foreach (var server in servers)
        {
            var bytes = Encoding.UTF8.GetBytes(
                $"[service {service}]\nserver={server.Name}\naddress={server.Address}\nlog-level=info\n" +
                $"service-password={Convert.ToHexStringLower(BitConverter.GetBytes(StableMix.Mix(StableMix.Of(server.Name), StableMix.Of(service))))}\n");
            yield return new BackupEntry($"services/{server.Name}/{service}.cfg", bytes.Length, () => new MemoryStream(bytes, writable: false));
        }
    }

    private static BackupEntry Noise(string name, ulong seed, long length) => new(name, length, () => new PseudoRandomStream(seed, length));

    private static long RoundUp(long length) => (length + Block - 1) / Block * Block;
}
