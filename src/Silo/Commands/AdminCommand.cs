using System.Security.Cryptography;
using Com.Grains.Interfaces.Accounts;

namespace Com.Silo.Commands;

/// <summary>
/// <c>admin ensure</c>: creates the first Administrator (login <c>admin</c>) unless it exists. The password comes from
/// COM_ADMIN_PASSWORD, or is generated and printed this once: COM never stores it in clear.
/// </summary>
public static class AdminCommand
{
    public const string Login = "admin";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["ensure", ..])
        {
            await Console.Error.WriteLineAsync("usage: admin ensure");
            return 2;
        }
        using var host = CommandClient.Build(args[1..]);
        if (!await CommandClient.TryStartAsync(host))
            return 1;

        var user = host.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(IUserGrain.KeyFor(Login));
        if (await user.ExistsAsync())
        {
            Console.WriteLine($"Sign in as '{Login}' with the password set when COM was first started.");
            return 0;
        }

        var given = Environment.GetEnvironmentVariable("COM_ADMIN_PASSWORD");
        var password = string.IsNullOrEmpty(given) ? Generate() : given;
        try
        {
            await user.CreateAsync(Login, Role.Administrator, password);
        }
        catch (AccountRejectedException rejected)
        {
            await Console.Error.WriteLineAsync($"COM_ADMIN_PASSWORD was refused ({rejected.Reason}): use 9 to 31 characters mixing at least two of upper case, lower case, digits and symbols.");
            return 1;
        }
        Console.WriteLine(string.IsNullOrEmpty(given)
            ? $"Created the Administrator '{Login}' with password: {password}\nIt is shown only this once; keep it safe."
            : $"Created the Administrator '{Login}' with the password from COM_ADMIN_PASSWORD.");
        return 0;
    }

    private static string Generate()
    {
        // Letters and digits from both cases always satisfy the password policy.
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return "Com-" + RandomNumberGenerator.GetString(alphabet, 16);
    }
}
