using System.Diagnostics;
using System.Text;
using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// Issue 17: a silo relaying a live tunnel is killed, or stopped. The tunnel ends, its audit row says why, and support
/// staff open a new tunnel through another silo at once. A deployment of its own, as the kill would disturb <see cref="ProxyTunnelTests"/>.
/// </summary>
[Trait("Category", "Process")]
public sealed class SiloKilledTunnelTests(TunnelDeployment deployment) : IClassFixture<TunnelDeployment>
{
    /// <summary>What the dead-silo sweep (<c>DeadSiloLinkSweeper</c>) writes as the end of the tunnels the dead silo relayed.</summary>
    private const string DeadSiloReason = "the silo relaying the tunnel stopped";

    /// <summary>
    /// The survivors must first declare the killed silo dead: with the cluster's probes (5 s each, capped by
    /// <c>MaxProbeTimeout</c>; three missed) that takes about 15 s, longer on two loaded cores; then one sweep pass.
    /// </summary>
    private static readonly TimeSpan SweepWithin = TimeSpan.FromSeconds(90);

    /// <summary>The proxy answers 504 when a system has not dialed back within 15 s: a tunnel slower than that waited on something.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(15);

    private ComDeployment com => deployment.Com;
    private TunnelFleet plan => deployment.Plan;

    [Fact]
    public async Task SiloHoldingALiveTunnelKilled_TheTunnelEndsWithTheReasonInTheAudit_AndANewTunnelWorksAtOnceThroughAnotherSilo()
    {
        var output = TestContext.Current.TestOutputHelper;
        var id = deployment.Ids[plan.Open];
        var host = SupportSsh.Host(deployment, plan.Open);
        var user = plan.UserFor(plan.Open);
        var first = com.Silo;
        // The system's link stays on the first silo; a client on the second makes the system dial back to the second.
        var doomed = await com.StartSiloAsync();
        var doomedAddress = (await MembershipAsync(doomed.Name)).Address;
        var firstAddress = (await MembershipAsync(first.Name)).Address;
        // This test's rows: those of its two silos, not of a silo another test of the class stopped.
        async Task<List<SupportSsh.AuditRow>> AuditAsync() =>
            [.. (await SupportSsh.AuditAsync(com, id)).Where(r => r.Silo == doomedAddress || r.Silo == firstAddress)];

        await using var session = BackgroundSsh.Start(SupportSsh.Arguments(deployment, doomed, host, user, "echo ready; sleep 90"));
        var opening = Stopwatch.StartNew();
        await Eventually.GetAsync(() => Task.FromResult(session.ToString()),
            _ => session.Output.Contains("ready", StringComparison.Ordinal) || session.HasExited, TimeSpan.FromSeconds(60),
            $"ssh through {doomed.Name}'s proxy to print ready");
        session.HasExited.ShouldBeFalse($"the session through {doomed.Name} ended early: {session}\n{doomed.Name}: {SupportSsh.Tail(doomed)}");
        output?.WriteLine($"ssh through {doomed.Name} printed ready after {opening.Elapsed.TotalSeconds:0.0} s");
        var live = await Eventually.GetAsync(AuditAsync,
            rows => rows.Count(r => r.Silo == doomedAddress && r.EndedAt is null) == 1, TimeSpan.FromSeconds(20),
            $"one live audit row of {id} held by {doomed.Name} ({doomedAddress})");
        live.Count.ShouldBe(1, $"no other tunnel of {id} was opened: {string.Join("; ", live)}");

        doomed.Kill();
        var sinceKill = Stopwatch.StartNew();

        var exitCode = await Eventually.CompletesAsync(session.ExitAsync(), $"ssh to end once {doomed.Name} was killed; ssh so far: {session}", TimeSpan.FromSeconds(30));
        exitCode.ShouldNotBe(0, $"the client must see its session cut, not a clean end: {session}");
        output?.WriteLine($"ssh ended with {exitCode} {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");

        var ended = await Eventually.GetAsync(async () => new AuditAndMembership(await AuditAsync(), await MembershipAsync(doomed.Name)),
            seen => seen.Rows.Count == 1 && seen.Rows[0].EndedAt is not null, SweepWithin,
            $"the audit row held by {doomed.Name} to end (the survivors declare it dead, then the sweep ends its rows)");
        var row = ended.Rows.Single();
        row.Reason.ShouldBe(DeadSiloReason, $"the row must give the dead-silo sweep's reason: {ended}");
        ended.Membership.Status.ShouldBe(SiloStatus.Dead, "only a silo the cluster declared dead is swept");
        output?.WriteLine($"the audit row ended {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill: {row}");

        // At once: one attempt, no retries, through the first silo's proxy, once the cluster has declared the silo dead.
        // Before that (the first ~10 s after the kill) a new tunnel can be refused with 503 "cannot reach this customer's
        // state": the lookup of the customer's grain goes to the dead silo when its part of the grain directory was there.
        var again = Stopwatch.StartNew();
        var after = await SupportSsh.RunAsync(deployment, first, host, user, "echo after-$((6*7))");
        var took = again.Elapsed;
        after.ExitCode.ShouldBe(0, $"a new tunnel through {first.Name} right after {doomed.Name}'s tunnels were swept: {after}\n{first.Name}: {SupportSsh.Tail(first)}\nsimulator: {deployment.Fleet.Tail}");
        after.Output.Trim().ShouldBe("after-42");
        took.ShouldBeLessThan(AtOnce, $"the new tunnel through {first.Name} took {took.TotalSeconds:0.0} s");
        output?.WriteLine($"a new ssh through {first.Name} succeeded at the first attempt in {took.TotalSeconds:0.0} s");

        var audit = await AuditAsync();
        audit.Count(r => r.Silo != doomedAddress).ShouldBe(1, $"the new tunnel's row was written by {first.Name}: {string.Join("; ", audit)}");
    }

    [Fact]
    public async Task SiloStoppedGracefully_EndsItsTunnelsAndRecordsWhy()
    {
        var id = deployment.Ids[plan.Open];
        var host = SupportSsh.Host(deployment, plan.Open);
        var user = plan.UserFor(plan.Open);
        var stopping = await com.StartSiloAsync();
        var stoppingAddress = (await MembershipAsync(stopping.Name)).Address;
        await using var session = BackgroundSsh.Start(SupportSsh.Arguments(deployment, stopping, host, user, "echo ready; sleep 90"));
        await Eventually.GetAsync(() => Task.FromResult(session.ToString()),
            _ => session.Output.Contains("ready", StringComparison.Ordinal) || session.HasExited, TimeSpan.FromSeconds(60),
            $"ssh through {stopping.Name}'s proxy to print ready");
        session.HasExited.ShouldBeFalse($"the session through {stopping.Name} ended early: {session}\n{stopping.Name}: {SupportSsh.Tail(stopping)}");
        await Eventually.GetAsync(() => SupportSsh.AuditAsync(com, id), rows => rows.Any(r => r.Silo == stoppingAddress && r.EndedAt is null),
            TimeSpan.FromSeconds(20), $"a live audit row of {id} held by {stopping.Name}");

        await stopping.StopAsync(TimeSpan.FromSeconds(60));

        var exitCode = await Eventually.CompletesAsync(session.ExitAsync(), $"ssh to end once {stopping.Name} stopped; ssh so far: {session}", TimeSpan.FromSeconds(30));
        exitCode.ShouldNotBe(0, $"the client must see its session cut: {session}");
        // Written by the stopping silo itself, before it exits: no dead-silo sweep is needed for a silo that says goodbye.
        var row = (await SupportSsh.AuditAsync(com, id)).Single(r => r.Silo == stoppingAddress);
        row.EndedAt.ShouldNotBeNull($"{stopping.Name} exited with its tunnel's row still open: {row}\n{SupportSsh.Tail(stopping)}");
        row.Reason.ShouldBe("the silo is stopping");
    }

    private sealed record Member(string Address, SiloStatus Status);

    private sealed record AuditAndMembership(List<SupportSsh.AuditRow> Rows, Member Membership)
    {
        public override string ToString() => $"audit rows [{string.Join("; ", Rows)}]; in membership {Membership}";
    }

    /// <summary>The silo's newest membership row: its address as the audit writes it (<c>SiloAddress.ToParsableString</c>) and its status.</summary>
    private async Task<Member> MembershipAsync(string siloName)
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var command = db.CreateCommand("SELECT address, port, generation, status FROM orleans_membership WHERE silo_name = $1 ORDER BY generation DESC LIMIT 1");
        command.Parameters.AddWithValue(siloName);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"{siloName} has no row in orleans_membership");
        return new Member($"{reader.GetString(0)}:{reader.GetInt32(1)}@{reader.GetInt32(2)}", (SiloStatus)reader.GetInt32(3));
    }

    /// <summary>An ssh left running while the test goes on; killed with its proxy command on dispose if still running.</summary>
    private sealed class BackgroundSsh : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private readonly StringBuilder error = new();

        private BackgroundSsh(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();
        }

        public static BackgroundSsh Start(IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            return new BackgroundSsh(Process.Start(start) ?? throw new InvalidOperationException("ssh did not start"));
        }

        public string Output { get { lock (output) return output.ToString(); } }

        public bool HasExited => process.HasExited;

        public async Task<int> ExitAsync()
        {
            await process.WaitForExitAsync();
            return process.ExitCode;
        }

        public override string ToString()
        {
            string stderr;
            lock (error)
                stderr = error.ToString();
            return $"{(process.HasExited ? $"exit {process.ExitCode}" : "running")}\nstdout: {Output}\nstderr: {stderr}";
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
