using System.Net;
using System.Text.RegularExpressions;

namespace Com.Tests.Infrastructure;

/// <summary>Shortcuts for tests that need a running silo with its first Administrator signed in.</summary>
public static partial class SignedInSilo
{
    public const string AdminPassword = "Test-Admin-2026";

    public static async Task CreateAdminAsync(string connectionString)
    {
        var (exitCode, output) = await SiloProcess.RunCommandAsync(connectionString,
            new Dictionary<string, string> { ["COM_ADMIN_PASSWORD"] = AdminPassword }, "admin", "ensure");
        exitCode.ShouldBe(0, output);
    }

    /// <summary>Creates the first Administrator if needed and signs this silo's HTTP client in as it.</summary>
    public static async Task SignInAsAdminAsync(this SiloProcess silo, string connectionString)
    {
        await CreateAdminAsync(connectionString);
        var response = await silo.Http.SignInAsync("admin", AdminPassword);
        response.Headers.Location?.ToString().ShouldBe("/com/", "a good password should lead into the product");
    }

    /// <summary>Signs in through the real form (antiforgery token and all); the response says where the browser is sent.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string login, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/com/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/com/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["login"] = login,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The page's HTML with entities decoded, so tests look for the text a user reads.</summary>
    public static async Task<string> GetPageAsync(this HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
