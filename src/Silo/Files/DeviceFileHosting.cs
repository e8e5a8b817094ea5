using Microsoft.AspNetCore.Mvc;
using ProtocolCommands = Com.DeviceProtocol.Commands;

namespace Com.Silo.Files;

public static class DeviceFileHosting
{
    public static WebApplicationBuilder AddDeviceFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceFileTransfer>();
        return builder;
    }

    /// <summary>The files of device commands, on the device port beside the link: the token is the only credential.</summary>
    public static WebApplication MapDeviceFiles(this WebApplication app)
    {
        app.MapPut($"{ProtocolCommands.FilesPath}/{{token}}", (HttpContext http, string token, [FromServices] DeviceFileTransfer transfer) => transfer.UploadAsync(http, token))
            .AllowAnonymous();
        app.MapGet($"{ProtocolCommands.FilesPath}/{{token}}", (HttpContext http, string token, [FromServices] DeviceFileTransfer transfer) => transfer.DownloadAsync(http, token))
            .AllowAnonymous();
        return app;
    }

    /// <summary>Whether a request outside the UI's path base is one of these transfers.</summary>
    public static bool IsDeviceFile(PathString path) => path.StartsWithSegments(ProtocolCommands.FilesPath);
}
