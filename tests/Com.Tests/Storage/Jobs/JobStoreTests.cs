using Com.Grains.Interfaces.Jobs;
using Com.Storage.Jobs;
using Com.Tests.Infrastructure;

namespace Com.Tests.Storage.Jobs;

/// <summary>SPEC JOB-1, DASH-3: the job registry's rows answer the list (scope, filter, search, sort, paging) and the dashboard.</summary>
[Trait("Category", "Cluster")]
public sealed class JobStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static JobRow Row(string name, string operation, JobStatus status, string creator, string[] customers, int minutes,
        DateTimeOffset? endedAt = null, JobProgress? progress = null) =>
        new(Guid.NewGuid(), name, operation, status, creator, customers, false, T0.AddMinutes(minutes), T0.AddDays(1).AddMinutes(minutes),
            null, endedAt, progress ?? new JobProgress(customers.Length, 0, 0, 0));

    /// <summary>A fresh set of rows, marked so each test queries only its own through the search.</summary>
    private async Task<(JobStore Store, string Mark)> SeededAsync(params Func<string, JobRow>[] rows)
    {
        var store = new JobStore(database.CreateDataSource());
        var mark = $"m{Guid.NewGuid():N}"[..8];
        foreach (var row in rows)
            await store.UpsertAsync(row(mark));
        return (store, mark);
    }

    [Fact]
    public async Task Upsert_ReplacesTheRow_AndDelete_RemovesIt()
    {
        var store = new JobStore(database.CreateDataSource());
        var row = Row("Nightly", "backup", JobStatus.Scheduled, "admin", ["a", "b"], 0);
        await store.UpsertAsync(row);
        var ended = row with { Status = JobStatus.PartiallyFailed, EndedAt = T0.AddDays(2), Progress = new JobProgress(2, 1, 1, 0) };
        await store.UpsertAsync(ended);

        var read = (await store.GetAsync(row.Id))!;
        read.Status.ShouldBe(JobStatus.PartiallyFailed);
        read.EndedAt.ShouldBe(T0.AddDays(2));
        read.Progress.ShouldBe(new JobProgress(2, 1, 1, 0));
        read.Customers.ShouldBe(["a", "b"]);
        read.StartAt.ShouldBe(row.StartAt);

        await store.DeleteAsync(row.Id);
        (await store.GetAsync(row.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Query_FiltersByStatusAndOperation_AndSearchesNameAndCreator()
    {
        var (store, mark) = await SeededAsync(
            m => Row($"{m} weekly backup", "backup", JobStatus.Scheduled, "alice", ["a"], 1),
            m => Row($"{m} upgrade", "upgrade", JobStatus.Scheduled, "bob", ["a"], 2),
            m => Row($"{m} backup again", "backup", JobStatus.Paused, "carol", ["a"], 3));

        (await store.QueryAsync(new JobListQuery(Search: mark))).Total.ShouldBe(3);
        (await store.QueryAsync(new JobListQuery(Search: mark, Status: JobStatus.Scheduled))).Rows.Select(r => r.Creator).Order().ShouldBe(["alice", "bob"]);
        (await store.QueryAsync(new JobListQuery(Search: mark, Operation: "backup"))).Rows.Select(r => r.Creator).Order().ShouldBe(["alice", "carol"]);
        (await store.QueryAsync(new JobListQuery(Search: mark, Operation: "backup", Status: JobStatus.Paused))).Rows.Single().Creator.ShouldBe("carol");
        (await store.QueryAsync(new JobListQuery(Search: $"{mark} WEEKLY"))).Rows.Single().Creator.ShouldBe("alice", "the search ignores case");
        (await store.QueryAsync(new JobListQuery(Search: "CAROL"))).Rows.ShouldContain(r => r.Name == $"{mark} backup again", "the search looks in the creator");
    }

    [Fact]
    public async Task Query_SortsByEachColumnBothWays_AndFallsBackToNewestFirst()
    {
        var (store, mark) = await SeededAsync(
            m => Row($"{m} b", "upgrade", JobStatus.Completed, "zed", ["a", "b", "c"], 1, T0.AddDays(3), new JobProgress(3, 3, 0, 0)),
            m => Row($"{m} c", "backup", JobStatus.Scheduled, "amy", ["a"], 3),
            m => Row($"{m} a", "restore", JobStatus.InProgress, "Kim", ["a", "b"], 2, null, new JobProgress(2, 1, 0, 1)));

        async Task<string> Order(JobSort? sort, bool descending) =>
            string.Concat((await store.QueryAsync(new JobListQuery(Search: mark, Sort: sort, Descending: descending))).Rows.Select(r => r.Name[^1]));

        (await Order(null, true)).ShouldBe("cab", "unsorted: newest first");
        (await Order(JobSort.Name, true)).ShouldBe("cba");
        (await Order(JobSort.Name, false)).ShouldBe("abc");
        (await Order(JobSort.Operation, false)).ShouldBe("cab");
        (await Order(JobSort.Status, false)).ShouldBe("cab");
        (await Order(JobSort.Creator, false)).ShouldBe("cab", "creators sort ignoring case");
        (await Order(JobSort.Customers, true)).ShouldBe("bac");
        (await Order(JobSort.CreatedAt, false)).ShouldBe("bac");
        (await Order(JobSort.StartAt, true)).ShouldBe("cab");
        (await Order(JobSort.EndedAt, true)).ShouldBe("bca", "jobs not ended come last, newest first among them");
        (await Order(JobSort.Progress, true)).ShouldBe("bac");
    }

    [Fact]
    public async Task Query_PagesWithATotalOfTheWholeMatch()
    {
        var (store, mark) = await SeededAsync([.. Enumerable.Range(0, 7).Select(i => (Func<string, JobRow>)(m => Row($"{m} {i}", "backup", JobStatus.Scheduled, "a", ["a"], i)))]);

        var pages = new List<JobListPage>();
        for (var page = 0; page < 3; page++)
            pages.Add(await store.QueryAsync(new JobListQuery(Search: mark, Sort: JobSort.CreatedAt, Descending: false, Page: page, PageSize: 3)));

        pages.ShouldAllBe(p => p.Total == 7);
        pages.Select(p => p.Rows.Length).ShouldBe([3, 3, 1]);
        pages.SelectMany(p => p.Rows).Select(r => r.Name).ShouldBe([.. Enumerable.Range(0, 7).Select(i => $"{mark} {i}")], "pages neither overlap nor skip");
    }

    [Fact]
    public async Task Query_ListsAJobOnlyWhenEveryOneOfItsCustomersIsInTheScope()
    {
        var (store, mark) = await SeededAsync(
            m => Row($"{m} mine", "backup", JobStatus.Scheduled, "a", ["x", "y"], 1),
            m => Row($"{m} mixed", "backup", JobStatus.Scheduled, "a", ["x", "other"], 2),
            m => Row($"{m} theirs", "backup", JobStatus.Scheduled, "a", ["other"], 3));

        (await store.QueryAsync(new JobListQuery(Customers: ["x", "y", "z"], Search: mark))).Rows.Single().Name.ShouldBe($"{mark} mine");
        (await store.QueryAsync(new JobListQuery(Customers: [], Search: mark))).Total.ShouldBe(0, "a user seeing no customer sees no job");
        (await store.QueryAsync(new JobListQuery(Customers: null, Search: mark))).Total.ShouldBe(3, "no scope: every job");
    }

    [Fact]
    public async Task Tally_CountsRunningScheduledAndRecentlyFailedJobs_InTheScope()
    {
        var scope = new[] { $"t{Guid.NewGuid():N}"[..10] };
        await SeededAsync(
            _ => Row("r", "backup", JobStatus.InProgress, "a", scope, 1),
            _ => Row("s1", "backup", JobStatus.Scheduled, "a", scope, 2),
            _ => Row("s2", "backup", JobStatus.Scheduled, "a", scope, 3),
            _ => Row("f", "backup", JobStatus.Failed, "a", scope, 4, T0.AddHours(30)),
            _ => Row("pf", "backup", JobStatus.PartiallyFailed, "a", scope, 5, T0.AddHours(26)),
            _ => Row("old", "backup", JobStatus.Failed, "a", scope, 6, T0.AddHours(2)),
            _ => Row("elsewhere", "backup", JobStatus.InProgress, "a", ["other"], 7));
        var store = new JobStore(database.CreateDataSource());

        (await store.TallyAsync(scope, T0.AddHours(24))).ShouldBe(new JobTally(1, 2, 2));
        (await store.OperationsAsync(scope)).ShouldBe(["backup"]);
    }
}
