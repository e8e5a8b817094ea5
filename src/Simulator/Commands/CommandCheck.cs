using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Whether a command from COM can be run; a bad one is answered with a result, never a crash.</summary>
internal static class CommandCheck
{
    private const int MaxQuoted = 80;
    private static readonly string FilesPrefix = Commands.FilesPath + "/";

    /// <summary>Null when the command can run; otherwise the detail of its ok:false result.</summary>
    public static string? Problem(CommandMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Command is not (Commands.Backup or Commands.Restore))
            return $"unknown command '{Quote(command.Command)}'; this system knows {Commands.Backup} and {Commands.Restore}";
        if (command.Items is null || command.Items.Count == 0)
            return $"{command.Command} names no items";
        if (command.Items.Any(i => !BackupItems.IsValidName(i)))
            return $"'{Quote(command.Items.First(i => !BackupItems.IsValidName(i)))}' is not an item name";
        var (field, path) = command.Command == Commands.Backup ? ("upload", command.Upload) : ("download", command.Download);
        if (string.IsNullOrEmpty(path))
            return $"{command.Command} without '{field}'";
        return IsFilePath(path) ? null : $"'{field}' must be {FilesPrefix}<token>, not '{Quote(path)}'";
    }

    // Only a plain token after the prefix: the path is joined to COM's address, and must not reach anything else there.
    private static bool IsFilePath(string path) =>
        path.StartsWith(FilesPrefix, StringComparison.Ordinal) && path.Length > FilesPrefix.Length &&
        path[FilesPrefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') &&
        !path.EndsWith("/..", StringComparison.Ordinal) && path[FilesPrefix.Length..] is not ("." or "..");

    private static string Quote(string? text) =>
        text is null ? "null" : text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";
}
