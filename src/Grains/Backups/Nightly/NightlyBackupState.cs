namespace Com.Grains.Backups.Nightly;

[GenerateSerializer, Alias("com.NightlyBackupState")]
public sealed class NightlyBackupState
{
    /// <summary>
    /// The jobs created, by "zone|night|part", with their night: a job users deleted is not created again, and one
    /// created just before a crash is not created twice. Nights older than a few days are forgotten.
    /// </summary>
    [Id(0)] public Dictionary<string, DateOnly> Created { get; set; } = [];
}
