using System.Security.Cryptography.X509Certificates;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// One COM, one sshd and one simulated fleet for all of a test class (<see cref="ProxyTunnelTests"/>, <see cref="AdminRelayTests"/>,
/// <see cref="AdminRelayWebSocketTests"/>, <see cref="SiloKilledTunnelTests"/>, <see cref="ProxyAndRelayBrowserTests"/>).
/// </summary>
public class TunnelDeployment : IAsyncLifetime
{
    public static readonly Actor Admin = new("admin", Role.Administrator);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ExternalClusterClient client = null!;
    private SiloProcess? second;

    public TunnelDeployment()
        : this("localhost")
    {
    }

    /// <summary>A deployment whose tunnel hosts are <c>….maint.<paramref name="domain"/></c> (Com:RemoteSupport:Domain).</summary>
    protected TunnelDeployment(string domain)
    {
        Domain = domain;
        Com.Settings["Com__RemoteSupport__Domain"] = domain;
        // Short, so a test sees the relay check a user's rights again without waiting five minutes.
        Com.Settings["Com__RemoteSupport__RelayRecheckInterval"] = "00:00:02";
    }

    public string Domain { get; }

    public ComDeployment Com { get; } = new();

    public TunnelFleet Plan { get; } = TunnelFleet.Choose();

    public LocalSshd Sshd { get; private set; } = null!;

    public LocalWebControl WebControl { get; private set; } = null!;

    public SimulatedFleet Fleet { get; private set; } = null!;

    public IReadOnlyList<string> Ids { get; private set; } = [];

    /// <summary>The cluster, as the deployment's own client reaches it: accounts and customers to set up or change.</summary>
    public IGrainFactory Grains => client.Grains;

    /// <summary>A second silo, started by the first test that needs one and shared by the rest (a class's tests run one at a time).</summary>
    public async Task<SiloProcess> SecondSiloAsync() => second is { HasExited: false } ? second : second = await Com.StartSiloAsync();

    /// <summary>The Web Manager stand-in every system's tunnels to port 7070 reach…</summary>
    public int WebManagerPort { get; private set; }

    /// <summary>…but for <see cref="TunnelFleet.SecondServerAddress"/>, whose own stand-in is on this port.</summary>
    public int SecondWebManagerPort { get; private set; }

    /// <summary>
    /// A new Administrator of the test's own (its login is <paramref name="prefix"/> and random letters), so a test may
    /// demote it or change its password without touching the other tests' users.
    /// </summary>
    public async Task<(string Login, IUserGrain Account)> NewAdministratorAsync(string prefix)
    {
        var login = $"{prefix}{Guid.NewGuid():N}"[..14];
        var account = Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));
        await account.CreateAsync(Admin, login, new AccountDetails(Role.Administrator), SignedInSilo.AdminPassword);
        return (login, account);
    }

    public async ValueTask InitializeAsync()
    {
        await Com.InitializeAsync();
        Sshd = await LocalSshd.StartAsync();
        WebControl = new LocalWebControl(X509CertificateLoader.LoadPkcs12FromFile(Com.Silo.CertificatePath, null));
        var map = Path.Combine(Sshd.Directory, "tunnel-map.json");
        WebManagerPort = TcpForwarder.FreePort();
        SecondWebManagerPort = TcpForwarder.FreePort();
        // Every system's Web Manager is the first stand-in, but the managed system's second server has its own.
        await File.WriteAllTextAsync(map, $$"""
            { "*:22": {{Sshd.Port}}, "*:7071": {{WebControl.Port}}, "*:7070": {{WebManagerPort}}, "{{Plan.SecondServerAddress}}:7070": {{SecondWebManagerPort}} }
            """);
        await SignedInSilo.CreateAdminAsync(Com.Database.ConnectionString);
        client = await ExternalClusterClient.ConnectAsync(Com.Database.ConnectionString);
        await Plan.SetCredentialsAsync(Com.Database.ConnectionString);
        Fleet = Plan.Start(Com, map, WebManagerPort, SecondWebManagerPort);
        Ids = await Eventually.GetAsync(() => Task.FromResult(Fleet.CustomerIds()), i => i.Count == TunnelFleet.Size, Patience, "the simulator to provision its fleet");
        foreach (var index in new[] { Plan.Open, Plan.Closed, Plan.Nearby, Plan.OtherReseller, Plan.Managed })
            await Eventually.GetAsync(() => client.Grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(Ids[index])).GetDetailsAsync(Admin),
                d => d?.Summary.Connectivity.Code is ConnectivityCode.Connected or ConnectivityCode.ServerOffline && d.Network is not null,
                Patience, $"simulated system {index} to link; simulator: {Fleet.Tail}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Fleet is not null)
            await Fleet.DisposeAsync();
        if (client is not null)
            await client.DisposeAsync();
        if (Sshd is not null)
            await Sshd.DisposeAsync();
        if (WebControl is not null)
            await WebControl.DisposeAsync();
        await Com.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
