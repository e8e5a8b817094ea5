using System.Text.Json;

namespace Com.Simulator;

/// <summary>
/// The customers a previous run provisioned, with their service passwords, so a rerun plays the same fleet.
/// It holds secrets, so it is readable by its owner only.
/// </summary>
internal sealed class FleetFile(string path)
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;

    public string Path => path;

    /// <summary>The entries by customer name; none when the file does not exist yet.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a fleet file.</exception>
    public Dictionary<string, FleetEntry> Load()
    {
        if (!File.Exists(path))
            return new Dictionary<string, FleetEntry>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            var content = JsonSerializer.Deserialize(stream, SimulatorJson.Default.FleetFileContent);
            return (content?.Customers ?? []).ToDictionary(e => e.Name, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a fleet file the simulator wrote: {e.Message}", e);
        }
    }

    /// <summary>Replaces the file in one step, so an interrupted run never leaves half a fleet file.</summary>
    public void Save(IEnumerable<FleetEntry> entries)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, OwnerDirectory);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerFile;
        using (var stream = new FileStream(temporary, options))
        {
            var content = new FleetFileContent(entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList());
            JsonSerializer.Serialize(stream, content, SimulatorJson.Default.FleetFileContent);
        }
        // A stale temporary file from a crashed run may predate the owner-only mode.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, OwnerFile);
        File.Move(temporary, path, overwrite: true);
    }
}
