namespace Com.Grains.Interfaces.Jobs;

/// <summary>Columns the job list can be sorted by.</summary>
[GenerateSerializer, Alias("com.JobSort")]
public enum JobSort
{
    Name = 0,
    Operation = 1,
    Status = 2,
    Creator = 3,
    Customers = 4,
    CreatedAt = 5,
    StartAt = 6,
    EndedAt = 7,
    Progress = 8,
}

/// <summary>
/// One page of the job list (SPEC JOB-1). <see cref="Customers"/> is the caller's scope (null: every customer): a job
/// is listed only when every one of its customers is in it, so nobody learns of a job over a customer they may not see.
/// The search looks in the job's name and its creator's login; <see cref="Sort"/> null is the default order, newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.JobListQuery.v1")]
public sealed record JobListQuery(
    [property: Id(0)] string[]? Customers = null,
    [property: Id(1)] JobStatus? Status = null,
    [property: Id(2)] string? Operation = null,
    [property: Id(3)] string? Search = null,
    [property: Id(4)] JobSort? Sort = null,
    [property: Id(5)] bool Descending = true,
    [property: Id(6)] int Page = 0,
    [property: Id(7)] int PageSize = 25)
{
    public const int MaxPageSize = 500;
    public const int MaxSearchLength = 100;

    /// <summary>What is wrong with the query as a user would read it; null when it can run.</summary>
    public string? Problem() => this switch
    {
        { Page: < 0 } => "page must be 0 or more",
        { PageSize: < 1 or > MaxPageSize } => $"page size must be between 1 and {MaxPageSize}",
        { Search.Length: > MaxSearchLength } => $"search is limited to {MaxSearchLength} characters",
        _ when Sort is { } s && !Enum.IsDefined(s) => "unknown sort column",
        _ when Status is { } s && !Enum.IsDefined(s) => "unknown status",
        _ => null,
    };
}

/// <summary>A page of jobs and how many match the whole query.</summary>
[GenerateSerializer, Immutable, Alias("com.JobListPage.v1")]
public sealed record JobListPage([property: Id(0)] int Total, [property: Id(1)] JobRow[] Rows);

/// <summary>The dashboard's jobs tile (SPEC DASH-3): jobs running, waiting for their start, and failed since a moment.</summary>
[GenerateSerializer, Immutable, Alias("com.JobTally.v1")]
public sealed record JobTally(
    [property: Id(0)] int InProgress,
    [property: Id(1)] int Scheduled,
    [property: Id(2)] int FailedRecently);

/// <summary>Runs job list queries against PostgreSQL, on whichever silo is closest. Key: 0.</summary>
[Alias("com.IJobListGrain")]
public interface IJobListGrain : IGrainWithIntegerKey
{
    /// <exception cref="ArgumentException">The query is malformed (<see cref="JobListQuery.Problem"/>).</exception>
    [Alias("Query")]
    Task<JobListPage> QueryAsync(JobListQuery query);

    /// <summary>Counts for the dashboard over the jobs the scope lists (null: all); "failed" ended at or after <paramref name="failedSince"/>.</summary>
    [Alias("Tally")]
    Task<JobTally> TallyAsync(string[]? customers, DateTimeOffset failedSince);

    /// <summary>The operations jobs in the scope use, for the list's filter.</summary>
    [Alias("Operations")]
    Task<string[]> OperationsAsync(string[]? customers);
}
