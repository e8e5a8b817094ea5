using Com.Grains.Interfaces.Customers;
using Com.Storage.Customers;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Com.Grains.Customers;

/// <summary>
/// Until ADR 11 the directory was one grain state holding every row and name. A directory activating on such a
/// database moves them into the tables once, then clears the old state, so an upgrade loses no customer and no name.
/// </summary>
internal static partial class LegacyDirectoryImport
{
    public static async Task ImportAsync(
        IPersistentState<DirectoryState> legacy, CustomerRowStore rows, CustomerNameStore names,
        Serializer<CustomerSummary> serializer, ILogger logger, CancellationToken ct)
    {
        var old = legacy.State;
        if (!legacy.RecordExists || (old.Customers.Count == 0 && old.Names.Count == 0))
            return;
        await names.ImportAsync(old.Names, ct);
        var stored = old.Customers.Values
            .Select(s => CustomerDirectoryGrain.RowOf(s, serializer))
            .ToArray();
        // Rows already in the table were written by a newer directory and are newer than the old state's.
        await rows.WriteMissingAsync(stored, ct);
        await legacy.ClearStateAsync(ct);
        LogImported(logger, stored.Length, old.Names.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer directory moved from its old single state: {Rows} rows, {Names} names")]
    private static partial void LogImported(ILogger logger, int rows, int names);
}
