using Com.Grains.Interfaces.RemoteSupport;

namespace Com.WebFront.RemoteSupport;

/// <summary>
/// What the user typed to build the commands: proxytunnel's paths on Linux/macOS and on Windows, the proxy user name and
/// password. The password lives in the page's memory only, for the copied text; see <see cref="SupportCommands"/>.
/// </summary>
public sealed record SupportInputs(string UnixProxytunnel, string WindowsProxytunnel, string UserName, string Password)
{
    public const string DefaultUnixProxytunnel = "proxytunnel";
    public const string DefaultWindowsProxytunnel = @"C:\proxytunnel\proxytunnel.exe";

    /// <summary>Keeps the password out of logs and exception messages that print the record.</summary>
    public override string ToString() => $"{UnixProxytunnel}, {WindowsProxytunnel}, user name {UserName}";
}

/// <summary>
/// The remote-support commands of one customer (SPEC RS-5), in two forms: `reveal` false for the page,
/// where the password is always <see cref="Mask"/>, and true for the clipboard, where it is the typed password quoted
/// for the shell it is pasted into. Hosts come from <see cref="MaintenanceAddressing"/>, as the proxy reads them.
/// </summary>
public sealed class SupportCommands(MaintenanceAddressing addressing, string customerId, string loginUser, SupportInputs inputs)
{
    public const string Mask = "••••••";
    public const int SshPort = 22;
    public const int RdpPort = 3389;
    /// <summary>The first local port RDP forwards listen on; each nearby server takes the next.</summary>
    public const int FirstLocalRdpPort = 13389;

    public string ProxyAddress => addressing.ProxyAddress;

    public string ProxyHost => Split(addressing.ProxyAddress).Host;

    public string ProxyPort => Split(addressing.ProxyAddress).Port;

    public string? Host(string? serverName, string? nearby = null) => addressing.Host(customerId, serverName, nearby);

    public string LoginUser => loginUser;

    public string UserName => string.IsNullOrWhiteSpace(inputs.UserName) ? "USER" : inputs.UserName.Trim();

    /// <summary>The password as the form shows it: masked, or a placeholder the user sees must be replaced.</summary>
    public string Password(bool reveal) => !reveal ? Mask : inputs.Password.Length == 0 ? "PASSWORD" : inputs.Password;

    /// <summary>OpenSSH through proxytunnel on Linux or macOS: ssh hands ProxyCommand to <c>sh -c</c>, so it is quoted twice.</summary>
    public string UnixSsh(string host, bool reveal, string? forward = null)
    {
        var proxyCommand = $"{Posix.Quote(Path(inputs.UnixProxytunnel, SupportInputs.DefaultUnixProxytunnel))} -q -E -p {ProxyAddress} -d {host}:{SshPort} -P {Credentials(reveal, Posix.Quote)}";
        return $"ssh {Forward(forward)}-o {Posix.QuoteOption("ProxyCommand=", proxyCommand)} {loginUser}@{host}";
    }

    /// <summary>Windows' OpenSSH runs ProxyCommand without a shell; cmd and PowerShell both keep a double-quoted argument whole.</summary>
    public string WindowsSsh(string host, bool reveal, string? forward = null) =>
        $"ssh {Forward(forward)}-o ProxyCommand=\"{WindowsPath()} -q -E -p {ProxyAddress} -d {host}:{SshPort} -P {Credentials(reveal, s => s)}\" {loginUser}@{host}";

    /// <summary>
    /// PuTTY's "Local" proxy command (Connection › Proxy): PuTTY fills in %host, %port, %proxyhost, %proxyport, %user and
    /// %pass from its own fields and reads <c>\\</c> as one backslash and <c>%%</c> as one percent sign.
    /// </summary>
    public string PuttyProxyCommand() =>
        $"{Putty(WindowsPath())} -q -E -p %proxyhost:%proxyport -d %host:%port -P %user:%pass";

    /// <summary>proxytunnel alone, listening on <paramref name="localPort"/> for an RDP client (Windows).</summary>
    public string StandaloneTunnel(string host, int port, int localPort, bool reveal) =>
        $"{WindowsPath()} -a {localPort} -E -p {ProxyAddress} -d {host}:{port} -P {Credentials(reveal, s => s)}";

    public static string Rdp(int localPort) => $"mstsc /v:localhost:{localPort}";

    public static string Https(string host, int port, string path) => $"https://{host}:{port}{path}";

    private string Credentials(bool reveal, Func<string, string> quote) =>
        reveal ? quote($"{UserName}:{Password(true)}") : $"{UserName}:{Mask}";

    private string WindowsPath()
    {
        var path = Path(inputs.WindowsProxytunnel, SupportInputs.DefaultWindowsProxytunnel);
        return path.Contains(' ') ? $"\"{path}\"" : path;
    }

    private static string Forward(string? forward) => forward is null ? "" : $"-L {forward} ";

    private static string Path(string typed, string fallback) => string.IsNullOrWhiteSpace(typed) ? fallback : typed.Trim();

    private static string Putty(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal);

    private static (string Host, string Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 ? (address[..colon], address[(colon + 1)..]) : (address, "443");
    }
}
