using System.ComponentModel.DataAnnotations;

namespace Com.Storage.Files;

/// <summary>Settings of the file store (section <c>Com:Files</c>).</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Com:Files";

    /// <summary>
    /// How long garbage collection spares a chunk no file references after an upload last wrote or reused it. An upload
    /// that runs longer than this may lose its first chunks and fail at the end; a torn upload's chunks stay this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ChunkGracePeriod { get; set; } = TimeSpan.FromHours(24);
}
