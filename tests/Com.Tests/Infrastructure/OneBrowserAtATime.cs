namespace Com.Tests.Infrastructure;

/// <summary>
/// Browser tests run one class at a time, beside the other tests: on two cores, two chromiums each driving a silo's
/// Blazor circuit starved each other until clicks landed before a table's re-render and were lost.
/// </summary>
[CollectionDefinition(nameof(OneBrowserAtATime))]
public sealed class OneBrowserAtATime;
