namespace Com.Simulator;

/// <summary>Opening the files a benchmark harness reads, with a message that names the option when that fails.</summary>
internal static class BenchFiles
{
    /// <exception cref="SimulatorException">The file cannot be created.</exception>
    public static FileStream CreateForWriting(string option, string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulatorException($"{option}: {path} cannot be written: {e.Message}", e);
        }
    }
}
