using SkiaSharp;

namespace Com.WebFront.Accounts;

/// <summary>
/// Turns an uploaded file into the stored avatar (SPEC USER-4): only what decodes as an image is taken, and it is
/// always re-encoded as a small PNG, so nothing of the uploaded bytes (metadata, scripts, polyglots) is ever served.
/// </summary>
public static class AvatarImage
{
    public const long MaxUploadBytes = 2 * 1024 * 1024;
    public const int Side = 256;

    /// <summary>The PNG to store, or the resource key saying why the file was refused.</summary>
    public static (byte[]? Png, string? Problem) Normalise(ReadOnlySpan<byte> upload)
    {
        if (upload.Length == 0)
            return (null, "AvatarNotAnImage");
        if (upload.Length > MaxUploadBytes)
            return (null, "AvatarTooLarge");
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            return (null, "AvatarNotAnImage");
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
            return (null, "AvatarNotAnImage");
        // Centre square crop, scaled to at most Side pixels.
        var edge = Math.Min(decoded.Width, decoded.Height);
        var target = Math.Min(edge, Side);
        using var square = new SKBitmap(target, target);
        using (var canvas = new SKCanvas(square))
        {
            var source = SKRect.Create((decoded.Width - edge) / 2f, (decoded.Height - edge) / 2f, edge, edge);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, source, SKRect.Create(target, target), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var png = SKImage.FromBitmap(square).Encode(SKEncodedImageFormat.Png, 100);
        return (png.ToArray(), null);
    }
}
