namespace Com.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class ComStorage
{
    /// <summary>Grain state in PostgreSQL through Orleans' ADO.NET provider.</summary>
    public const string Default = "com";
}
