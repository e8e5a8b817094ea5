using System.Diagnostics;

namespace Com.Tests.Scripts;

/// <summary>The <c>./com</c> script's own behaviour, its functions run by bash on a scratch <c>.data</c>.</summary>
[Trait("Category", "Unit")]
public sealed class ComScriptTests : IDisposable
{
    private readonly DirectoryInfo data = Directory.CreateTempSubdirectory("com-data");

    private string Logs => Path.Combine(data.FullName, "logs");

    [Fact]
    public async Task Build_SaysFirstTimeOnlyWhenThereIsNoPreviousBuild()
    {
        var first = await RunAsync("publish_app");
        Directory.CreateDirectory(Path.Combine(data.FullName, "app"));
        await File.WriteAllTextAsync(Path.Combine(data.FullName, "app", "Com.Silo.dll"), "", TestContext.Current.CancellationToken);
        var again = await RunAsync("publish_app");

        first.ShouldContain("first", customMessage: "nothing was built before");
        again.ShouldNotContain("first", customMessage: "a build exists already");
        again.ShouldContain("only what changed");
    }

    [Fact]
    public async Task StartingASiloUnderAnIndexUsedBefore_KeepsTheOldLogUnderItsTime()
    {
        Directory.CreateDirectory(Logs);
        var log = Path.Combine(Logs, "silo-2.log");
        await File.WriteAllTextAsync(log, "Unhandled exception: the evidence\n", TestContext.Current.CancellationToken);
        File.SetLastWriteTime(log, new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Local));
        await File.WriteAllTextAsync(Path.Combine(data.FullName, "com.env"), "", TestContext.Current.CancellationToken);

        // The stand-in silo exits at once, so start_silo gives up waiting for it: what matters is the log it left alone.
        var output = await RunAsync("start_silo 2 \"$(free_port 7181)\"", expectSuccess: false);

        output.ShouldContain("silo 2 did not become ready");
        var kept = Path.Combine(Logs, "silo-2.20250304-050607.log");
        File.Exists(kept).ShouldBeTrue($"the crashed silo's log should be kept; found {string.Join(", ", Directory.GetFiles(Logs).Select(Path.GetFileName))}");
        (await File.ReadAllTextAsync(kept, TestContext.Current.CancellationToken)).ShouldContain("the evidence");
        (await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken)).ShouldContain("stand-in", customMessage: "the new silo writes a fresh log");
    }

    [Fact]
    public async Task OldLogsOfOneIndex_AreKeptTenDeep_AndOtherIndexesAreLeftAlone()
    {
        Directory.CreateDirectory(Logs);
        var log = Path.Combine(Logs, "silo-1.log");
        var other = Path.Combine(Logs, "silo-10.20240101-000000.log");
        await File.WriteAllTextAsync(other, "another silo", TestContext.Current.CancellationToken);
        File.SetLastWriteTime(other, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local));
        for (var run = 0; run < 12; run++)
        {
            await File.WriteAllTextAsync(log, $"run {run}", TestContext.Current.CancellationToken);
            File.SetLastWriteTime(log, new DateTime(2025, 1, 1, 0, run, 0, DateTimeKind.Local));
            await RunAsync($"keep_previous_log '{log}'");
        }

        var kept = Directory.GetFiles(Logs, "silo-1.*.log").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        kept.Count.ShouldBe(10, string.Join(", ", kept));
        kept[0].ShouldBe("silo-1.20250101-000200.log", "the two oldest go first");
        File.Exists(other).ShouldBeTrue("silo 10's logs are not silo 1's");
    }

    /// <summary>
    /// Runs <paramref name="script"/> in bash with COM's script functions loaded, as <c>./com</c> loads them. The real
    /// build and silo take minutes: a stand-in <c>dotnet</c> that prints a line and exits lets the script's own
    /// behaviour be checked.
    /// </summary>
    private async Task<string> RunAsync(string script, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo("bash", ["-c",
            $"set -euo pipefail; ROOT='{RepositoryRoot()}'; DATA='{data.FullName}'; APP=\"$DATA/app\"; RUN=\"$DATA/run\"; LOGS='{Logs}'; " +
            "mkdir -p \"$LOGS\" \"$RUN\" \"$DATA/tools\"; printf '#!/bin/sh\\necho stand-in dotnet\\n' > \"$DATA/tools/dotnet\"; " +
            "chmod +x \"$DATA/tools/dotnet\"; PATH=\"$DATA/tools:$PATH\"; " +
            $". \"$ROOT/scripts/lib.sh\"; . \"$ROOT/scripts/processes.sh\"; {script}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await stdout + await stderr;
        (bash.ExitCode == 0).ShouldBe(expectSuccess, output);
        return output;
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Com.sln")))
            root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("Com.sln not found above the test output");
    }

    public void Dispose() => data.Delete(recursive: true);
}
