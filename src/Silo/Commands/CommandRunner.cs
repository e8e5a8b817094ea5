namespace Com.Silo.Commands;

/// <summary>Operator commands the same executable runs instead of a silo (used by <c>./com</c>).</summary>
public static class CommandRunner
{
    public static bool IsCommand(string name) => name is "status" or "admin";

    public static Task<int> RunAsync(string[] args) => args[0] switch
    {
        "status" => StatusCommand.RunAsync(args[1..]),
        "admin" => AdminCommand.RunAsync(args[1..]),
        _ => Task.FromResult(2),
    };
}
