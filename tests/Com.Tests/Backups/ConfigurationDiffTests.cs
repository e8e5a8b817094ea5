using Com.Grains.Interfaces.Backups;
using Com.Grains.Backups;

namespace Com.Tests.Backups;

/// <summary>The side-by-side configuration diff of issue 16 item 7: exact rows, collapsing, secrets never shown.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigurationDiffTests
{
    private const string Before = """
        [General]
        SystemName=Head office
        Locale=en-GB
        Timezone=Europe/London
        [Lines]
        Line1=SIP trunk A
        Line2=SIP trunk B
        Line3=Analog 1
        [Users]
        User1=Alice
        User2=Bob
        """;

    private const string After = """
        [General]
        SystemName=Head office
        Locale=fr-FR
        Timezone=Europe/London
        [Lines]
        Line1=SIP trunk A
        Line3=Analog 1
        Line4=ISDN
        [Users]
        User1=Alice
        User2=Bob
        User3=Carol
        """;

    private static DiffRow Same(int left, int right, string text) => new(left, text, right, text, DiffKind.Unchanged);

    [Fact]
    public void AHandWrittenPair_GivesExactlyTheChangedAddedAndRemovedRows()
    {
        var diff = ConfigurationDiff.Compare(Before, After);

        diff.Rows.ShouldBe(
        [
            Same(1, 1, "[General]"),
            Same(2, 2, "SystemName=Head office"),
            new DiffRow(3, "Locale=en-GB", 3, "Locale=fr-FR", DiffKind.Changed),
            Same(4, 4, "Timezone=Europe/London"),
            Same(5, 5, "[Lines]"),
            Same(6, 6, "Line1=SIP trunk A"),
            new DiffRow(7, "Line2=SIP trunk B", null, null, DiffKind.Removed),
            Same(8, 7, "Line3=Analog 1"),
            new DiffRow(null, null, 8, "Line4=ISDN", DiffKind.Added),
            Same(9, 9, "[Users]"),
            Same(10, 10, "User1=Alice"),
            Same(11, 11, "User2=Bob"),
            new DiffRow(null, null, 12, "User3=Carol", DiffKind.Added),
        ]);
        (diff.Changed, diff.Added, diff.Removed, diff.Unchanged, diff.Changes).ShouldBe((1, 2, 1, 9, 4));
    }

    [Fact]
    public void IdenticalTexts_HaveNoChanges_AndCollapseToNothingShown()
    {
        var diff = ConfigurationDiff.Compare(Before, Before);

        diff.Changes.ShouldBe(0);
        diff.Rows.ShouldAllBe(r => r.Kind == DiffKind.Unchanged && r.LeftNumber == r.RightNumber && r.LeftText == r.RightText);
        var collapsed = diff.Collapse();
        collapsed.Hunks.ShouldBeEmpty("nothing to show");
        collapsed.HiddenAfter.ShouldBe(11, "every line is hidden and counted");
    }

    [Fact]
    public void EmptyAgainstText_IsAllAdded_AndTheReverseAllRemoved()
    {
        ConfigurationDiff.Compare("", After).Rows.ShouldAllBe(r => r.Kind == DiffKind.Added);
        ConfigurationDiff.Compare(Before, "").Removed.ShouldBe(11);
    }

    [Fact]
    public void Collapse_KeepsThreeLinesAroundEachChange_AndMergesChangesThatShareContext()
    {
        var left = string.Join('\n', Enumerable.Range(1, 40).Select(n => $"setting{n}=a"));
        var right = string.Join('\n', Enumerable.Range(1, 40).Select(n => n is 10 or 15 or 30 ? $"setting{n}=b" : $"setting{n}=a"));

        var collapsed = ConfigurationDiff.Compare(left, right).Collapse();

        collapsed.Hunks.Select(h => (h.HiddenBefore, h.Rows[0].LeftNumber, h.Rows[^1].LeftNumber)).ShouldBe(
            [(6, (int?)7, (int?)18), (8, 27, 33)], "lines 10 and 15 share lines 12-13 of context; line 30 stands alone");
        collapsed.HiddenAfter.ShouldBe(7);
    }

    [Fact]
    public void TwoHundredThousandLinesWithTenChanges_ReportExactlyThoseTen()
    {
        const int Lines = 200_000;
        int[] changed = [.. Enumerable.Range(0, 10).Select(i => (i * 19_997) + 11)];

        var diff = ConfigurationDiff.Compare(
            new GeneratedLines(Lines, i => $"Extension{i}/Name=User {i}"),
            new GeneratedLines(Lines, i => changed.Contains(i) ? $"Extension{i}/Name=Moved {i}" : $"Extension{i}/Name=User {i}"));

        diff.Changes.ShouldBe(10);
        diff.Rows.Where(r => r.Kind != DiffKind.Unchanged).Select(r => (r.Kind, r.LeftNumber, r.RightNumber))
            .ShouldBe(changed.Select(i => (DiffKind.Changed, (int?)(i + 1), (int?)(i + 1))));
        diff.Unchanged.ShouldBe(Lines - 10);
    }
    [Fact]
    public void ARewrittenSection_IsOneRunOfChangedRows_BetweenUnchangedOnes()
    {
        const int Lines = 50_000;
        static bool Rewritten(int i) => i is >= 20_000 and < 30_000;

        var diff = ConfigurationDiff.Compare(
            new GeneratedLines(Lines, i => $"Route{i}=trunk {i % 7}"),
            new GeneratedLines(Lines, i => Rewritten(i) ? $"Rule{i}=queue {i}" : $"Route{i}=trunk {i % 7}"));

        diff.Changed.ShouldBe(10_000);
        (diff.Added, diff.Removed).ShouldBe((0, 0), "each rewritten line faces the line it replaced");
        diff.Rows.Where(r => r.Kind == DiffKind.Changed).Select(r => r.LeftNumber!.Value - 1).Where(i => !Rewritten(i))
            .ShouldBeEmpty("only the rewritten lines are changed");
    }

    // Each secret line appears in both versions with a different value; each secret value is spelt "zq" + number so a
    // leak is found wherever it lands.
    private static readonly (string Line, string Neighbour)[] SecretForms =
    [
        ("Password=zq{0}", "UserName=alice"),
        ("sip_passwd: zq{0}", "sip_user: 2001"),
        ("  - api-token: zq{0} # rotated", "  - api-url: https://pbx.example"),
        ("ApiToken = \"zq{0}\"", "ApiUrl = \"https://pbx.example\""),
        ("  <Password>zq{0}</Password>", "  <UserName>alice</UserName>"),
        ("<User name=\"alice\" password=\"zq{0}\" role=\"admin\"/>", "<User name=\"bob\" role=\"operator\"/>"),
        ("<Account login='carol' Passwd='zq{0}'>", "<Account login='dave'>"),
        ("SnmpCommunity=zq{0}", "SnmpPort=161"),
        ("VoicemailPin: zq{0}", "VoicemailLanguage: en"),
        ("ClientSecret=zq{0}", "ClientId=com"),
        ("PrivateKey=zq{0}", "Certificate=com.crt"),
        ("  \"apiKey\": \"zq{0}\",", "  \"apiUrl\": \"https://pbx.example\","),
        ("Database=Host=db;Username=com;Password=zq{0};Port=5432", "Replica=Host=db2;Port=5433"),
        ("<add key=\"DbPassword\" value=\"zq{0}\"/>", "<add key=\"Timeout\" value=\"30\"/>"),
        ("<entry name=\"sip.password\">zq{0}</entry>", "<entry name=\"sip.user\">2001</entry>"),
        ("  \"token\": \"zq\\\"{0}\\\" zq\",", "  \"user\": \"alice\","),
        ("secret='zq{0} never closed", "user='alice'"),
    ];

    private static string Configuration(int valueBase) =>
        string.Join('\n', SecretForms.SelectMany((f, i) => new[] { f.Neighbour, string.Format(System.Globalization.CultureInfo.InvariantCulture, f.Line, valueBase + i) }));

    [Fact]
    public void Secrets_NeverAppearInAnyRow_InAnyForm_WhileTheirNeighboursDo()
    {
        var diff = ConfigurationDiff.Compare(Configuration(100), Configuration(500));

        var shown = diff.Rows.SelectMany(r => new[] { r.LeftText, r.RightText }).OfType<string>().ToList();
        var leaks = shown.Where(t => t.Contains("zq", StringComparison.Ordinal)).ToList();
        leaks.ShouldBeEmpty("no secret value may reach a row");
        foreach (var (_, neighbour) in SecretForms)
            shown.ShouldContain(neighbour, $"the non-secret line '{neighbour}' is shown as it is");
        shown.ShouldContain("<User name=\"alice\" password=\"••••••\" role=\"admin\"/>", "only the value is masked, not the rest of the line");
        shown.ShouldContain("Database=Host=db;Username=com;Password=••••••;Port=5432");
        shown.ShouldContain("<add key=\"DbPassword\" value=\"••••••\"/>", "a key attribute names the setting, the value next to it is the secret");
    }

    [Fact]
    public void AChangedSecret_IsAChangedRow_WithTheMaskOnBothSides()
    {
        var diff = ConfigurationDiff.Compare(Configuration(100), Configuration(500));

        diff.Changed.ShouldBe(SecretForms.Length, "every secret changed, and nothing else");
        diff.Rows.Where(r => r.Kind == DiffKind.Changed).ShouldAllBe(r => r.LeftText == r.RightText && r.LeftText!.Contains("••••••"));
        ConfigurationDiff.Compare(Configuration(100), Configuration(100)).Changes.ShouldBe(0, "the same secrets are no change");
    }
}
