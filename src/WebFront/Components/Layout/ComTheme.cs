using MudBlazor;

namespace Com.WebFront.Components.Layout;

internal static class ComTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            AppbarBackground = "#1f4e79",
        },
    };
}
