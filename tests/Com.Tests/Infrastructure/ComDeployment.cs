using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A database and the silos started on it, with a provisioning token and short keep-alive timings, as a test's COM.
/// Customers are created through the real provisioning API and read back through it.
/// </summary>
public sealed class ComDeployment : IAsyncLifetime
{
    public const string Token = "test-provisioning-token";

    /// <summary>The operation test jobs run (Com:Testing:JobOperation).</summary>
    public const string JobOperation = "test-check";
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(4);

    private readonly List<SiloProcess> silos = [];
    private readonly string certificates = Directory.CreateTempSubdirectory("com-cert").FullName;

    // One public constructor: xunit builds class fixtures through it.
    public ComDeployment()
        : this(new TestDatabase())
    {
    }

    private ComDeployment(TestDatabase database) => Database = database;

    /// <summary>A COM whose database lives on the server <paramref name="server"/> (e.g. a <see cref="PrivatePostgres"/>).</summary>
    public static ComDeployment OnServer(string server) => new(TestDatabase.OnServer(server));

    public TestDatabase Database { get; }

    public IReadOnlyList<SiloProcess> Silos => silos;

    /// <summary>Extra settings for every silo (environment variable names).</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Com__Provisioning__Token"] = Token,
        ["Com__Devices__KeepAliveInterval"] = "00:00:01",
        ["Com__Devices__KeepAliveTimeout"] = KeepAliveTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Com__Devices__HelloTimeout"] = "00:00:03",
        ["Com__Devices__HeartbeatSeconds"] = "5",
        // Jobs need a registered operation before COM has its own: one that succeeds at once on every customer.
        ["Com__Testing__JobOperation"] = JobOperation,
        // A device that never answers a command fails it after this, not after the two minutes of production.
        ["Com__Jobs__CommandSilence"] = CommandSilence.ToString("c", CultureInfo.InvariantCulture),
        ["Com__Jobs__PollInterval"] = "00:00:00.200",
    };

    public static readonly TimeSpan CommandSilence = TimeSpan.FromSeconds(8);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await StartSiloAsync();
    }

    public async Task<SiloProcess> StartSiloAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = SiloProcess.Start(Database.ConnectionString, $"silo-{silos.Count + 1}", certificateDirectory: certificates, settings: Settings);
            silos.Add(silo);
            try
            {
                await silo.WaitReadyAsync();
                return silo;
            }
            // Free ports are picked before the silo binds them; a parallel test may take one in between. Only that is retried.
            catch (InvalidOperationException) when (attempt < 3 && silo.HasExited && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                silos.Remove(silo);
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>The first silo still running: the one tests talk to.</summary>
    public SiloProcess Silo => silos.First(s => !s.HasExited);

    /// <summary>Creates a customer through the provisioning API; returns its ID.</summary>
    public async Task<string> ProvisionAsync(string name, string password, string serviceUser = "COMAdmin")
    {
        using var response = await ApiAsync(HttpMethod.Post, "/com/api/customers", new { name, serviceUser, servicePassword = password });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"provisioning {name} failed: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("customerId").GetString()!;
    }

    /// <summary>The customer as the API shows it: connectivity code, light, system name, servers.</summary>
    public async Task<JsonElement> CustomerAsync(string id)
    {
        using var response = await ApiAsync(HttpMethod.Get, $"/com/api/customers/{id}");
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            throw new HttpRequestException($"COM asks to retry: {body}");
        response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the customer's connectivity code is <paramref name="code"/>; fails with the last state seen.</summary>
    public async Task<JsonElement> WaitForCodeAsync(string id, string code, TimeSpan? timeout = null)
    {
        return await Eventually.GetAsync(() => CustomerAsync(id), c => c.GetProperty("connectivity").GetString() == code, timeout,
            $"customer {id} to show connectivity {code}");
    }

    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, object? body = null, string? token = Token, SiloProcess? via = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await (via ?? Silo).Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos)
            await silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
