namespace Com.WebFront.Lists;

/// <summary>The one column a list is sorted by (SPEC CUST-2).</summary>
public sealed record ListSort<TColumn>(TColumn Column, bool Descending) where TColumn : struct, Enum;

public static class ListSorting
{
    /// <summary>The sort after a click on <paramref name="column"/>'s header: descending, then ascending, then unsorted.</summary>
    public static ListSort<TColumn>? Next<TColumn>(ListSort<TColumn>? current, TColumn column) where TColumn : struct, Enum => current switch
    {
        { Descending: true } when current.Column.Equals(column) => new ListSort<TColumn>(column, false),
        { Descending: false } when current.Column.Equals(column) => null,
        _ => new ListSort<TColumn>(column, true),
    };
}
