using Com.Overview.Customers;
using Com.WebFront.Lists;

namespace Com.WebFront.Customers;

/// <summary>
/// The customer list's filter, search, sort and page for one browser tab (a Blazor circuit), so closing a customer's
/// details returns to the list as it was left (SPEC CUST-5).
/// </summary>
public sealed class CustomerListMemory
{
    public CustomerFilter Filter { get; set; } = CustomerFilter.None;

    public string Search { get; set; } = "";

    public ListSort<CustomerSort>? Sort { get; set; }

    public int Page { get; set; }

    public bool PanelOpen { get; set; }
}
