using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Com.Tests.Infrastructure;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// Remote support through the real clients support staff use: OpenSSH's ssh and scp with proxytunnel as their proxy
/// command, through COM's proxy and a simulated system's dial-back, to a real sshd on this machine; and every refusal
/// the proxy owes a client that may not pass, read off a raw TLS connection.
/// </summary>
[Trait("Category", "Process")]
public sealed class ProxyTunnelTests(TunnelDeployment deployment) : IClassFixture<TunnelDeployment>
{
    private ComDeployment com => deployment.Com;
    private TunnelFleet plan => deployment.Plan;
    private LocalSshd sshd => deployment.Sshd;
    private SimulatedFleet fleet => deployment.Fleet;
    private IReadOnlyList<string> ids => deployment.Ids;

    private string Host(int index, string? nearby = null) => SupportSsh.Host(deployment, index, nearby);

    private string Certificate => SupportSsh.Certificate(deployment);

    private string[] SshOptions(SiloProcess silo, string host, string user) => SupportSsh.Options(deployment, silo, host, user);

    private Task<ExternalCommand.Result> SshAsync(SiloProcess silo, string host, string user, string command) =>
        SupportSsh.RunAsync(deployment, silo, host, user, command);

    [Fact]
    public async Task SshAndScp_ReachTheSystemAndItsNearbyServer_FromEitherSilo()
    {
        var user = plan.UserFor(plan.Open);
        // Quiet for 7 s mid-session, as a user reading the screen is: the tunnel must not be taken for a stalled upload.
        var hello = await SshAsync(com.Silo, Host(plan.Open), user, "sleep 7; echo through-com-$((6*7))");
        hello.ExitCode.ShouldBe(0, $"{hello}\nsimulator: {fleet.Tail}\nsilo: {Tail(com.Silo)}");
        hello.Output.Trim().ShouldBe("through-com-42");

        // 100 MB with scp (SFTP underneath), compared by hash on arrival.
        var source = Path.Combine(sshd.Directory, "payload.bin");
        var target = Path.Combine(sshd.Directory, "arrived.bin");
        await WriteRandomAsync(source, 100_000_000);
        var watch = Stopwatch.StartNew();
        var copy = await ExternalCommand.RunAsync("scp", [.. SshOptions(com.Silo, Host(plan.Open), user), source, $"{LocalSshd.User}@{Host(plan.Open)}:{target}"], TimeSpan.FromMinutes(5));
        copy.ExitCode.ShouldBe(0, copy.ToString());
        (await HashAsync(target)).ShouldBe(await HashAsync(source), $"scp of 100 MB took {watch.Elapsed}");

        var nearby = await SshAsync(com.Silo, Host(plan.Nearby, plan.NearbyAddress), plan.UserFor(plan.Nearby), "echo nearby-ok");
        nearby.ExitCode.ShouldBe(0, nearby.ToString());
        nearby.Output.Trim().ShouldBe("nearby-ok");

        // The client on a second silo, the system's link on the first: the system dials back to the second.
        var second = await deployment.SecondSiloAsync();
        var across = await SshAsync(second, Host(plan.Open), user, "echo across-silos");
        across.ExitCode.ShouldBe(0, $"{across}\nsecond silo: {Tail(second)}");
        across.Output.Trim().ShouldBe("across-silos");

        var audit = await AuditAsync(ids[plan.Open]);
        audit.Count.ShouldBeGreaterThanOrEqualTo(3);
        audit.ShouldAllBe(a => a.EndedAt != null && a.Reason != null && a.Account == "reseller " + plan.Plan.Customers[plan.Open].Reseller);
        audit.Max(a => a.Up).ShouldBeGreaterThan(100_000_000, "the scp's tunnel carried the file up");
        audit.Select(a => a.Silo).Distinct().Count().ShouldBe(2, "one tunnel was held by the second silo");
    }

    [Fact]
    public async Task TheCustomerPagesSshCommand_LogsInAsCopied_ThroughAProxytunnelPathBothShellsMustReadBack()
    {
        // A path with a space and a '$' makes both quoting layers of the copied command work; the wrapper adds the
        // test certificate, which the page's command leaves to the user's trust store.
        var directory = Path.Combine(sshd.Directory, "proxy tools$1");
        Directory.CreateDirectory(directory);
        var wrapper = Path.Combine(directory, "proxytunnel");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec proxytunnel -C '{Certificate}' \"$@\"\n", TestContext.Current.CancellationToken);
        (await ExternalCommand.RunAsync("chmod", ["+x", wrapper], TimeSpan.FromSeconds(10))).ExitCode.ShouldBe(0);
        var settings = new Com.Silo.RemoteSupport.ProxySettings { Domain = "localhost", PublicAddress = $"localhost:{com.Silo.ProxyPort}" };
        var commands = new Com.WebFront.RemoteSupport.SupportCommands(settings, ids[plan.Open], LocalSshd.User,
            new Com.WebFront.RemoteSupport.SupportInputs(wrapper, "", plan.UserFor(plan.Open), TunnelFleet.Password));
        var copied = commands.UnixSsh(commands.Host(null)!, reveal: true);

        // The test's own ssh options go before the page's; the line is then read by a shell, as when pasted.
        string[] options = [.. SshOptions(com.Silo, "unused", "unused").SkipLast(2)];
        var line = "ssh " + string.Join(' ', options.Select(Com.WebFront.RemoteSupport.Posix.Quote)) + copied["ssh".Length..] + " echo pasted-$((6*7))";
        var run = await ExternalCommand.RunAsync("sh", ["-c", line], TimeSpan.FromSeconds(60));

        run.ExitCode.ShouldBe(0, $"{line}\n{run}\nsilo: {Tail(com.Silo)}");
        run.Output.Trim().ShouldBe("pasted-42");
    }

    [Fact]
    public async Task CurlFetchesWebControl_ThroughTheProxy_AndThePacFileSendsOnlyTunnelHostsThere()
    {
        var page = await ExternalCommand.RunAsync("curl", [
            "--silent", "--show-error", "--max-time", "60",
            "--proxy", $"https://localhost:{com.Silo.ProxyPort}", "--proxy-cacert", Certificate,
            "--proxy-user", $"{plan.UserFor(plan.Open)}:{TunnelFleet.Password}",
            // The stand-in Web Control has COM's certificate, which names localhost, not the tunnel host.
            "--insecure", $"https://{Host(plan.Open)}:7071/login",
        ], TimeSpan.FromSeconds(90));
        page.ExitCode.ShouldBe(0, page.ToString());
        page.Output.ShouldContain(LocalWebControl.Title);
        page.Output.ShouldContain("path /login");

        var pac = await com.Silo.Http.GetAsync("/com/remoteproxy/proxy.pac", TestContext.Current.CancellationToken);
        pac.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        pac.Content.Headers.ContentType?.MediaType.ShouldBe("application/x-ns-proxy-autoconfig");
        var script = await pac.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        script.ShouldContain("dnsDomainIs(host, \".maint.localhost\")");
        script.ShouldContain("\"HTTPS maint.localhost:");
        script.ShouldContain("return \"DIRECT\"");

        // The kit and the extension are for signed-in support staff only.
        using var anonymous = await com.Silo.Http.GetAsync("/com/remoteproxy/com-remote-support-kit.zip", TestContext.Current.CancellationToken);
        (anonymous.Content.Headers.ContentType?.MediaType).ShouldNotBe("application/zip", $"answered {anonymous.StatusCode} at {anonymous.RequestMessage?.RequestUri}");
    }

    [Fact]
    public async Task EveryRefusal_IsAnsweredWithItsStatusAndReason_WhileOthersAreServed()
    {
        var user = plan.UserFor(plan.Open);
        var good = Basic(user, TunnelFleet.Password);
        await RefusedAsync($"CONNECT {Host(plan.Open)}:22 HTTP/1.1\r\n{Basic(user, "wrong")}\r\n\r\n", 407, "wrong user name or password", "Proxy-Authenticate: Basic");
        await RefusedAsync($"CONNECT {Host(plan.Open)}:22 HTTP/1.1\r\n\r\n", 407, "sign in", "Proxy-Authenticate: Basic");
        await RefusedAsync($"CONNECT {Host(plan.OtherReseller)}:22 HTTP/1.1\r\n{good}\r\n\r\n", 403, "does not serve customer");
        await RefusedAsync($"CONNECT {Host(plan.Closed)}:22 HTTP/1.1\r\n{Basic(plan.UserFor(plan.Closed), TunnelFleet.Password)}\r\n\r\n", 403, "remote access is disabled");
        var nearbyUser = Basic(plan.UserFor(plan.Nearby), TunnelFleet.Password);
        await RefusedAsync($"CONNECT {Host(plan.Nearby, "10.99.99.99")}:22 HTTP/1.1\r\n{nearbyUser}\r\n\r\n", 403, "not a nearby server the system allows");
        await RefusedAsync($"CONNECT {Host(plan.Nearby, plan.NearbyAddress)}:2222 HTTP/1.1\r\n{nearbyUser}\r\n\r\n", 403, "not 2222");
        await RefusedAsync($"CONNECT www.example.org:443 HTTP/1.1\r\n{good}\r\n\r\n", 403, "only hosts under maint.localhost");
        await RefusedAsync($"GET http://{Host(plan.Open)}/ HTTP/1.1\r\nHost: {Host(plan.Open)}\r\n{good}\r\n\r\n", 405, "only opens tunnels");
        await RefusedAsync($"CONNECT {ids[plan.Open]}_x.maint.localhost:22 HTTP/1.1\r\n{good}\r\n\r\n", 400, "characters");
        await RefusedAsync($"CONNECT {Host(plan.Open)}:22 HTTP/1.1\r\nX-Padding: {new string('a', 9000)}\r\n{good}\r\n\r\n", 431, "over 8192 bytes");

        // A head trickling in a byte at a time is cut off at 10 s; meanwhile a real session goes through.
        var trickle = TrickleAsync($"CONNECT {Host(plan.Open)}:22 HTTP/1.1\r\n{good}\r\nX-Slow: {new string('s', 200)}\r\n\r\n");
        var watch = Stopwatch.StartNew();
        var meanwhile = await SshAsync(com.Silo, Host(plan.Open), user, "echo still-serving");
        meanwhile.ExitCode.ShouldBe(0, meanwhile.ToString());
        meanwhile.Output.Trim().ShouldBe("still-serving");
        trickle.IsCompleted.ShouldBeFalse($"the trickling head was answered before the session ended, after {watch.Elapsed}");
        var (status, body, elapsed) = await trickle;
        status.ShouldBe(408, body);
        elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(9));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    private static string Basic(string user, string password) =>
        "Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private async Task RefusedAsync(string head, int status, string reason, string? header = null)
    {
        await using var tls = await OpenAsync();
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = await ReadAllAsync(tls);
        answer.ShouldStartWith($"HTTP/1.1 {status} ", customMessage: $"for {head[..Math.Min(head.Length, 120)]}");
        answer.ShouldContain(reason);
        if (header is not null)
            answer.ShouldContain(header);
    }

    private async Task<(int Status, string Body, TimeSpan Elapsed)> TrickleAsync(string head)
    {
        await using var tls = await OpenAsync();
        var watch = Stopwatch.StartNew();
        var answer = ReadAllAsync(tls);
        foreach (var b in Encoding.ASCII.GetBytes(head))
        {
            if (answer.IsCompleted)
                break;
            try
            {
                await tls.WriteAsync(new[] { b });
                await Task.WhenAny(answer, Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
            }
            catch (IOException)
            {
                break;
            }
        }
        var text = await answer;
        return (int.TryParse(text.Split(' ').ElementAtOrDefault(1), out var status) ? status : 0, text, watch.Elapsed);
    }

    private async Task<SslStream> OpenAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("localhost", com.Silo.ProxyPort);
        var certificate = com.Silo.PublicCertificate;
        var tls = new SslStream(tcp.GetStream(), false, (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData));
        await tls.AuthenticateAsClientAsync("localhost");
        return tls;
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer).WaitAsync(TimeSpan.FromSeconds(40));
        }
        catch (IOException)
        {
            // The proxy closes after its answer; what arrived is the answer.
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task WriteRandomAsync(string path, int bytes)
    {
        await using var file = File.Create(path);
        var block = new byte[1 << 20];
        for (var written = 0; written < bytes; written += block.Length)
        {
            RandomNumberGenerator.Fill(block);
            await file.WriteAsync(block.AsMemory(0, Math.Min(block.Length, bytes - written)));
        }
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }

    private static string Tail(SiloProcess silo) => SupportSsh.Tail(silo);

    private async Task<List<SupportSsh.AuditRow>> AuditAsync(string customerId)
    {
        // Each tunnel's row ends once its relay has wound down, a moment after the client process exits.
        return await Eventually.GetAsync(() => SupportSsh.AuditAsync(com, customerId),
            rows => rows.Count >= 3 && rows.All(r => r.EndedAt != null), TimeSpan.FromSeconds(30), "every tunnel's audit row to end");
    }
}
