using System.Diagnostics;
using System.Globalization;

namespace Com.Harness.Cluster;

/// <summary>CPU time and resident memory of a set of processes, read from /proc, as the benchmark samples them.</summary>
public static class ResourceSampler
{
    public readonly record struct Sample(TimeSpan Cpu, long RssBytes);

    public static Sample Of(IEnumerable<int> pids)
    {
        var cpu = TimeSpan.Zero;
        long rss = 0;
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                cpu += process.TotalProcessorTime;
                rss += process.WorkingSet64;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone between listing and reading: a PostgreSQL backend that ended, or a killed silo.
            }
        }
        return new Sample(cpu, rss);
    }

    /// <summary>PostgreSQL's postmaster (first line of postmaster.pid) and every backend it forked.</summary>
    public static IReadOnlyList<int> PostgresPids(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(file) || !int.TryParse(File.ReadLines(file).First(), CultureInfo.InvariantCulture, out var postmaster))
            return [];
        return [postmaster, .. ChildrenOf(postmaster)];
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            // The command name is in parentheses and may hold spaces; the parent pid is the second field after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
                yield return pid;
        }
    }

    /// <summary>CPU used between two samples as a percentage of every core of this machine.</summary>
    public static double CpuPercent(Sample before, Sample after, TimeSpan elapsed) =>
        100 * (after.Cpu - before.Cpu).TotalSeconds / (elapsed.TotalSeconds * Environment.ProcessorCount);
}
