using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Com.Simulator;

/// <summary>
/// The configuration text a simulated system runs: system settings, one block per server, users, hunt groups
/// and trunks, with the secrets a real one holds (COM must mask them). It depends only on the customer's plan and
/// the change period it is in, and every period a few lines change, like an administrator's daily edits.
/// </summary>
internal static class PbxConfiguration
{
    public const string FileName = "configuration.cfg";

    private static readonly string[] FirstNames =
        ["Alice", "Bruno", "Chloe", "Dmitri", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kara", "Luca", "Maya", "Nils", "Olga", "Pavel"];
    private static readonly string[] LastNames =
        ["Martin", "Okafor", "Schmidt", "Rossi", "Dubois", "Nguyen", "Silva", "Berg", "Moreau", "Kowalski", "Jensen", "Costa"];
    private static readonly string[] HuntGroups = ["Sales", "Support", "Reception", "Accounts", "Warehouse", "Night Service"];
    private static readonly string[] Providers = ["Gamma", "Colt", "Orange Business", "Telekom", "Vodafone"];
    private static readonly string[] TimeZones = ["Europe/Paris", "Europe/London", "Europe/Berlin", "Europe/Madrid", "Europe/Rome"];
    private const string SecretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    // Each user is renamed once every RenameEvery periods, users staggered, so about one in eight changes a period.
    private const int RenameEvery = 8;
    // Every AddEvery periods a user is added; after AddedUsersCycle of them the added users are removed again.
    private const int AddEvery = 2;
    private const int AddedUsersCycle = 5;

    public static string Render(CustomerPlan customer, long generation)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var system = customer.System;
        var seed = SeedOf(customer);
        var text = new StringBuilder(24 * 1024);
        Line(text, $"; {system.Name} configuration, {system.Profile} {system.Version}");
        Line(text, $"; revision {generation}");
        WriteSystem(text, customer, seed);
        foreach (var server in customer.Servers)
            WriteServer(text, server, seed);
        var baseUsers = 30 + StableMix.Below(StableMix.Mix(seed, 1), 30);
        var users = baseUsers + (int)(generation / AddEvery % AddedUsersCycle);
        for (var i = 0; i < users; i++)
            WriteUser(text, customer, seed, generation, i);
        WriteHuntGroups(text, seed, baseUsers);
        WriteTrunks(text, seed);
        return text.ToString();
    }

    /// <summary>The IANA zone the system keeps its clock in, as its configuration says and its hello reports.</summary>
    public static string TimeZoneOf(CustomerPlan customer) => TimeZoneOf(SeedOf(customer));

    private static string TimeZoneOf(ulong seed) => StableMix.Pick(StableMix.Mix(seed, 2), TimeZones);

    private static ulong SeedOf(CustomerPlan customer) =>
        StableMix.Of($"{customer.Name}|{customer.System.Name}|{customer.System.Version}|{customer.Servers.Count}");

    /// <summary>What hello reports as <c>system.configuration</c>: SHA-256 of the text's UTF-8 bytes, lower-case hex.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void WriteSystem(StringBuilder text, CustomerPlan customer, ulong seed)
    {
        Line(text, "[system]");
        Line(text, $"name={customer.System.Name}");
        Line(text, "locale=enu");
        Line(text, $"timezone={TimeZoneOf(seed)}");
        Line(text, "admin-user=Administrator");
        Line(text, $"admin-password={Secret(StableMix.Mix(seed, 3), 14)}");
        Line(text, $"security-pin={Digits(StableMix.Mix(seed, 4), 6)}");
        Line(text, "ntp-server=pool.ntp.org");
        Line(text, "dhcp-mode=server");
        Line(text, $"voicemail-type={(customer.System.Profile == "Server Edition" ? "voicemail-pro" : "embedded")}");
        Line(text, "default-route=trunk-1");
        Line(text, string.Empty);
    }

    private static void WriteServer(StringBuilder text, Com.DeviceProtocol.ServerMessage server, ulong seed)
    {
        Line(text, $"[server {server.Name}]");
        Line(text, $"role={server.Role}");
        Line(text, $"address={server.Address}");
        Line(text, $"profile={server.Profile}");
        Line(text, $"version={server.Version}");
        Line(text, $"services={string.Join(',', BackupItems.ServicesOf(server))}");
        Line(text, $"web-manager-password={Secret(StableMix.Mix(seed, 5, StableMix.Of(server.Name)), 12)}");
        Line(text, string.Empty);
    }

    private static void WriteUser(StringBuilder text, CustomerPlan customer, ulong seed, long generation, int slot)
    {
        var name = UserName(seed, generation, slot);
        var extension = (200 + slot).ToString(CultureInfo.InvariantCulture);
        var slotSeed = StableMix.Mix(seed, 10, (ulong)slot);
        Line(text, $"[user {extension}]");
        Line(text, $"name={name}");
        Line(text, $"extension={extension}");
        Line(text, $"email={name.Replace(' ', '.').ToLowerInvariant()}@example.com");
        Line(text, $"pin={Digits(StableMix.Mix(slotSeed, 1), 4)}");
        Line(text, $"voicemail-password={Digits(StableMix.Mix(slotSeed, 2), 6)}");
        Line(text, $"twinning={(StableMix.Below(StableMix.Mix(slotSeed, 3), 3) == 0 ? "on" : "off")}");
        Line(text, $"server={customer.Servers[StableMix.Below(StableMix.Mix(slotSeed, 4), customer.Servers.Count)].Name}");
        Line(text, string.Empty);
    }

    // A slot keeps its name for RenameEvery periods; slot i starts its next name i periods after slot 0 does.
    private static string UserName(ulong seed, long generation, int slot)
    {
        var version = (ulong)((generation + slot) / RenameEvery);
        return StableMix.Pick(StableMix.Mix(seed, 100 + (ulong)slot, version), FirstNames) + " " +
               StableMix.Pick(StableMix.Mix(seed, 200 + (ulong)slot, version), LastNames);
    }

    private static void WriteHuntGroups(StringBuilder text, ulong seed, int baseUsers)
    {
        var groups = 2 + StableMix.Below(StableMix.Mix(seed, 6), HuntGroups.Length - 1);
        for (var g = 0; g < groups; g++)
        {
            var members = Enumerable.Range(0, baseUsers)
                .Where(i => StableMix.Below(StableMix.Mix(seed, 300 + (ulong)g, (ulong)i), 4) == 0)
                .Select(i => (200 + i).ToString(CultureInfo.InvariantCulture));
            Line(text, $"[huntgroup {HuntGroups[g]}]");
            Line(text, $"extension={(700 + g).ToString(CultureInfo.InvariantCulture)}");
            Line(text, $"mode={(g % 2 == 0 ? "collective" : "sequential")}");
            Line(text, $"members={string.Join(',', members)}");
            Line(text, string.Empty);
        }
    }

    private static void WriteTrunks(StringBuilder text, ulong seed)
    {
        var trunks = 1 + StableMix.Below(StableMix.Mix(seed, 7), 4);
        for (var t = 1; t <= trunks; t++)
        {
            var trunkSeed = StableMix.Mix(seed, 20, (ulong)t);
            var provider = StableMix.Pick(trunkSeed, Providers);
            Line(text, $"[trunk {t.ToString(CultureInfo.InvariantCulture)}]");
            Line(text, "type=SIP");
            Line(text, $"provider={provider}");
            Line(text, $"itsp-domain=sip.{provider.Replace(' ', '-').ToLowerInvariant()}.example");
            Line(text, $"username=trunk{Digits(StableMix.Mix(trunkSeed, 1), 8)}");
            Line(text, $"password={Secret(StableMix.Mix(trunkSeed, 2), 16)}");
            Line(text, $"channels={(10 * (1 + StableMix.Below(StableMix.Mix(trunkSeed, 3), 6))).ToString(CultureInfo.InvariantCulture)}");
            Line(text, string.Empty);
        }
    }

    // Always \n: the hash must not depend on the platform the simulator runs on.
    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Secret(ulong value, int length) => Draw(value, length, SecretAlphabet);

    private static string Digits(ulong value, int length) => Draw(value, length, "0123456789");

    private static string Draw(ulong value, int length, string alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[StableMix.Below(StableMix.Mix(value, (ulong)i), alphabet.Length)];
        return new string(chars);
    }
}
