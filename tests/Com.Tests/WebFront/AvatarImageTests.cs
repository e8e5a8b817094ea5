using Com.WebFront.Accounts;
using SkiaSharp;

namespace Com.Tests.WebFront;

/// <summary>Uploaded pictures: only images are taken, and always re-encoded as a small square PNG.</summary>
[Trait("Category", "Unit")]
public sealed class AvatarImageTests
{
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    [Fact]
    public void LargeJpeg_BecomesA256PixelSquarePng()
    {
        var (png, problem) = AvatarImage.Normalise(Image(1200, 800));

        problem.ShouldBeNull();
        using var decoded = SKBitmap.Decode(png.ShouldNotBeNull());
        (decoded.Width, decoded.Height).ShouldBe((256, 256));
        png.AsSpan(0, 4).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
    }

    [Fact]
    public void SmallImage_IsNotEnlarged()
    {
        var (png, _) = AvatarImage.Normalise(Image(64, 100, SKEncodedImageFormat.Png));

        using var decoded = SKBitmap.Decode(png.ShouldNotBeNull());
        (decoded.Width, decoded.Height).ShouldBe((64, 64));
    }

    [Theory]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")]
    [InlineData("just some text, named picture.png")]
    [InlineData("")]
    public void NotAnImage_IsRefused(string content) =>
        AvatarImage.Normalise(System.Text.Encoding.UTF8.GetBytes(content)).ShouldBe((null, "AvatarNotAnImage"));

    [Fact]
    public void FileOverTwoMegabytes_IsRefusedBeforeDecoding() =>
        AvatarImage.Normalise(new byte[AvatarImage.MaxUploadBytes + 1]).ShouldBe((null, "AvatarTooLarge"));
}
