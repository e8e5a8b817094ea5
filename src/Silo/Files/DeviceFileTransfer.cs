using Com.Grains.Commands;
using Com.Grains.Interfaces.Commands;
using Com.Silo.Devices;
using Com.Storage.Files;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Com.Silo.Files;

/// <summary>
/// A command's file between a device and the file store (docs/device-protocol.md, <c>command</c>): streamed from the
/// request body into the store, or from the store into the response, never whole in memory. The command's grain checks
/// the one-time token and hears how the transfer ended; no byte passes through it.
/// </summary>
public sealed partial class DeviceFileTransfer(
    IGrainFactory grains,
    IFileStore files,
    IOptions<DeviceGatewaySettings> options,
    ILogger<DeviceFileTransfer> logger)
{
    /// <summary>The file store's category of backups.</summary>
    public const string BackupCategory = "backup";

    private readonly DeviceGatewaySettings settings = options.Value;

    public async Task UploadAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, TransferKind.Upload) is not var (command, grant))
            return;
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
            limit.MaxRequestBodySize = settings.MaxUploadBytes;
        if (http.Request.ContentLength > settings.MaxUploadBytes)
        {
            await BrokeAsync(command, http, StatusCodes.Status413PayloadTooLarge, $"the backup ({http.Request.ContentLength} bytes) exceeds COM's limit of {settings.MaxUploadBytes} bytes");
            return;
        }
        StoredFile stored;
        try
        {
            stored = await files.SaveAsync(http.Request.Body, new FileMetadata(BackupCategory, grant.CustomerId, grant.FileName), http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await BrokeAsync(command, http, e.StatusCode, $"the backup exceeds COM's limit of {settings.MaxUploadBytes} bytes");
            return;
        }
        catch (Exception e) when (IsDeviceSide(e) || http.RequestAborted.IsCancellationRequested)
        {
            // The device's connection failed mid-body; how it surfaces (an I/O error, a cancelled database write…) varies.
            LogUploadBroke(e, grant.CustomerId, token[..32]);
            await BrokeAsync(command, http, StatusCodes.Status400BadRequest, $"the upload broke off: {e.Message}");
            return;
        }
        catch (Exception e)
        {
            // COM's own failure (the database, say): the command must still hear of it, or it would wait for its timeout.
            LogStoreFailed(e, grant.CustomerId, token[..32]);
            await BrokeAsync(command, http, StatusCodes.Status500InternalServerError, $"COM could not store the backup: {e.Message}");
            return;
        }
        if (!await command.UploadStoredAsync(new StoredUpload(stored.Id, stored.Length, stored.Sha256)))
        {
            // The command failed meanwhile (its link dropped, say): a file nobody will list must not stay listed.
            await files.DeleteAsync(stored.Id);
            await RefuseAsync(http, StatusCodes.Status409Conflict, "the command ended before the upload did");
            return;
        }
        LogUploaded(grant.CustomerId, stored.Length, stored.Id);
        http.Response.StatusCode = StatusCodes.Status201Created;
    }

    public async Task DownloadAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, TransferKind.Download) is not var (command, grant))
            return;
        var file = grant.FileId is { } id ? await files.GetAsync(id, http.RequestAborted) : null;
        if (file is null)
        {
            await BrokeAsync(command, http, StatusCodes.Status410Gone, "the backup to restore is no longer in the store");
            return;
        }
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = file.Length;
        try
        {
            await using var content = await files.OpenReadAsync(file.Id, http.RequestAborted);
            await content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The device reports the failed restore itself; the log says where it broke.
            LogDownloadBroke(e, grant.CustomerId, file.Id);
        }
    }

    private async Task<(IDeviceCommandGrain Command, TransferGrant Grant)?> OpenAsync(HttpContext http, string token, TransferKind kind)
    {
        if (CommandToken.Parse(token) is not var (commandId, secret))
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, "not a transfer token");
            return null;
        }
        var command = grains.GetGrain<IDeviceCommandGrain>(commandId);
        var grant = await command.OpenTransferAsync(secret, kind);
        if (!grant.Allowed)
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, $"transfer refused: {grant.Refusal}");
            return null;
        }
        return (command, grant);
    }

    private static bool IsDeviceSide(Exception e) =>
        e is IOException or OperationCanceledException or BadHttpRequestException or Microsoft.AspNetCore.Connections.ConnectionResetException;

    private static async Task BrokeAsync(IDeviceCommandGrain command, HttpContext http, int status, string reason)
    {
        await command.TransferBrokeAsync(reason);
        await RefuseAsync(http, status, reason);
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        try
        {
            await http.Response.WriteAsync(message, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The device has gone; the command already knows why.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup of customer {CustomerId} stored: {Length} bytes as file {FileId}")]
    private partial void LogUploaded(string customerId, long length, Guid fileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload of customer {CustomerId} for command {CommandId} broke off; nothing was listed")]
    private partial void LogUploadBroke(Exception exception, string customerId, string commandId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Upload of customer {CustomerId} for command {CommandId} could not be stored; nothing was listed")]
    private partial void LogStoreFailed(Exception exception, string customerId, string commandId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of file {FileId} by customer {CustomerId} broke off")]
    private partial void LogDownloadBroke(Exception exception, string customerId, Guid fileId);
}
