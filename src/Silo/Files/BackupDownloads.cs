using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Backups;
using Com.Grains.Interfaces.Customers;
using Com.Storage.Files;
using Com.WebFront.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Com.Silo.Files;

/// <summary>
/// A user downloads one of a system's backups (SPEC BKP-4): <c>/com/backups/{customer}/{file}</c>, streamed from the store,
/// for users who may see that customer, and only for a file its backup list holds.
/// </summary>
public static class BackupDownloads
{
    /// <summary>Every web front serves downloads, a web-only one too: the file store is registered whatever the role.</summary>
    public static WebApplicationBuilder AddBackupDownloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddComFileStore();
        return builder;
    }

    public static WebApplication MapBackupDownloads(this WebApplication app)
    {
        app.MapGet("/backups/{customerId}/{fileId:guid}", DownloadAsync).RequireAuthorization(CapabilityPolicies.Monitor);
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, string customerId, Guid fileId,
        [FromServices] IGrainFactory grains, [FromServices] IFileStore files)
    {
        if (!CustomerIds.IsValid(customerId) || CapabilityPolicies.RoleOf(http.User) is not { } role || http.User.Identity?.Name is not { } login)
            return Results.NotFound();
        var key = CustomerIds.GrainKey(customerId);
        try
        {
            // Throws for a customer this user may not see: the same answer as for one that does not exist.
            await grains.GetGrain<ICustomerAdministrationGrain>(key).GetDetailsAsync(new Actor(login, role));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OrleansException and not TimeoutException)
        {
            return Results.NotFound();
        }
        var listed = await grains.GetGrain<IBackupCatalogGrain>(key).ListAsync();
        if (!listed.Any(b => b.FileId == fileId) || await files.GetAsync(fileId, http.RequestAborted) is not { } file)
            return Results.NotFound();
        var content = await files.OpenReadAsync(file.Id, http.RequestAborted);
        return Results.Stream(content, "application/x-tar", file.Name);
    }
}
