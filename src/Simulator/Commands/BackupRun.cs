using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// A <c>backup</c>: progress while the archive is made, the archive streamed into one PUT as it is made, then
/// the outcome. The archive is never held whole, whatever <c>--backup-size</c> asks for.
/// </summary>
internal static class BackupRun
{
    public static async Task<CommandOutcome> RunAsync(CommandContext context, string id, CommandMessage command, CancellationToken ct)
    {
        var progress = new CommandProgress(context.Client, id, context.Servers);
        progress.Report(0, 1);
        var archive = BackupArchive.For(context.Customer, context.Configuration.Bytes(), command.Items, context.Settings.BackupSize);
        var length = archive.Length;
        var fault = new MidwayFault(context, length);
        var content = new PushContent(
            (body, token) => archive.WriteAsync(new TransferMeter(body, sent =>
            {
                fault.Check(sent);
                progress.Report(sent, length);
            }), context.Settings.Clock.Now, token),
            length);
        using var request = new HttpRequestMessage(HttpMethod.Put, FilesClient.For(context.Link, command.Upload!)) { Content = content };
        // COM refuses an unknown token or a file over its limit before the body: no need to send hundreds of MB for a 401.
        request.Headers.ExpectContinue = true;
        try
        {
            using var response = await context.Settings.Files.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return new CommandOutcome(false, $"upload refused: HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }
        catch (Exception e) when (fault.Struck || e is HttpRequestException or IOException or OperationCanceledException)
        {
            return fault.Struck ? fault.Outcome() : new CommandOutcome(false, $"upload failed: {Describe(e)}");
        }
        await progress.FinishAsync();
        return new CommandOutcome(true, $"backup of {string.Join(", ", command.Items)} uploaded ({length} bytes)");
    }

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
}
