namespace Com.WebFront.Resources;

/// <summary>Marker type for the UI's string resources (Strings.resx, Strings.fr.resx).</summary>
public sealed class Strings;
