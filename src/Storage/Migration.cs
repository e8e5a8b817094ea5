namespace Com.Storage;

/// <summary>One versioned schema step, read from an embedded <c>Migrations/NNNN_name.sql</c> file.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        const string prefix = "Com.Storage.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^".sql".Length];
                var separator = file.IndexOf('_', StringComparison.Ordinal);
                var version = int.Parse(file[..separator], System.Globalization.CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(version, file[(separator + 1)..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}
