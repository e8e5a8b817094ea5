using System.Text.RegularExpressions;

namespace Com.Tests.Docs;

/// <summary>Every requirement ID cited in code, tests or documents resolves to a line of <c>docs/requirements.md</c>.</summary>
[Trait("Category", "Unit")]
public sealed partial class RequirementIdTests
{
    // Names of the same shape that are not requirements: hash and text encoding names.
    private static readonly HashSet<string> NotRequirementFamilies = new(StringComparer.Ordinal) { "SHA", "SSH", "UTF" };

    private static readonly string[] Scanned = ["src", "tests", "docs"];

    private static readonly HashSet<string> TextFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".razor", ".md", ".sql", ".resx", ".js", ".css", ".json", ".sh", ".csproj", ".props",
    };

    [Fact]
    public void EveryCitedRequirementId_IsListedInTheRequirementsPage()
    {
        var root = RepositoryRoot();
        var page = Path.Combine(root, "docs", "requirements.md");
        File.Exists(page).ShouldBeTrue("docs/requirements.md lists the requirement IDs the code cites");
        var listed = File.ReadLines(page).Select(l => ListedId().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);

        var citations = Citations(root).ToList();
        var unknown = citations.Where(c => !listed.Contains(c.Id)).Select(c => $"{c.Where}: {c.Id}").ToList();

        citations.Count.ShouldBeGreaterThan(20, "the scan should find the many IDs the code cites; is it looking in the right place?");
        unknown.ShouldBeEmpty($"cited but not in docs/requirements.md (add a line there, or add the family to {nameof(NotRequirementFamilies)} if it is not a requirement):\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public void TheRequirementsPage_ListsEachIdOnce()
    {
        var lines = File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "requirements.md"))
            .Select(l => ListedId().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value).ToList();

        lines.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        lines.Count.ShouldBeGreaterThan(0);
    }

    private static IEnumerable<(string Id, string Where)> Citations(string root)
    {
        var page = Path.Combine(root, "docs", "requirements.md");
        var files = Scanned
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(f => TextFiles.Contains(Path.GetExtension(f)) && f != page && !IsBuildOutput(root, f));
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                foreach (Match m in CitedId().Matches(line))
                    if (!NotRequirementFamilies.Contains(m.Groups["family"].Value))
                        yield return (m.Value, $"{Path.GetRelativePath(root, file)}:{number}");
            }
        }
    }

    private static bool IsBuildOutput(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "node_modules");

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Com.sln")))
            root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("Com.sln not found above the test output");
    }

    [GeneratedRegex(@"^- (?<id>[A-Z]{2,6}-\d+) ")]
    private static partial Regex ListedId();

    [GeneratedRegex(@"\b(?<family>[A-Z]{2,6})-\d+\b")]
    private static partial Regex CitedId();
}
