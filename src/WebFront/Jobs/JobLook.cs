using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Jobs;
using Com.WebFront.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Com.WebFront.Jobs;

/// <summary>How jobs, their customers and a customer's latest action look on the pages: colours, icons and texts.</summary>
public static class JobLook
{
    public static Color Color(this JobStatus status) => status switch
    {
        JobStatus.InProgress => MudBlazor.Color.Info,
        JobStatus.Completed => MudBlazor.Color.Success,
        JobStatus.Failed => MudBlazor.Color.Error,
        JobStatus.PartiallyFailed => MudBlazor.Color.Warning,
        JobStatus.Scheduled => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Default,
    };

    public static Color Color(this TargetStatus status) => status switch
    {
        TargetStatus.InProgress => MudBlazor.Color.Info,
        TargetStatus.Completed => MudBlazor.Color.Success,
        TargetStatus.Failed => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>An operation's name in the user's language; one without a text (a new operation) shows as it is named.</summary>
    public static string Operation(this IStringLocalizer<Strings> l, string operation)
    {
        ArgumentNullException.ThrowIfNull(l);
        var text = l[$"JobsOperation{operation}"];
        return text.ResourceNotFound ? operation : text.Value;
    }

    /// <summary>The customer list's status icon for the latest action (SPEC CUST-1).</summary>
    public static (string Icon, Color Color) Icon(this ActionProgress progress) => progress switch
    {
        ActionProgress.InProgress => (Icons.Material.Filled.Autorenew, MudBlazor.Color.Info),
        ActionProgress.Completed => (Icons.Material.Filled.CheckCircle, MudBlazor.Color.Success),
        _ => (Icons.Material.Filled.Error, MudBlazor.Color.Error),
    };

    /// <summary>The icon's tooltip: which action, how it stands, and since when in COM's local time.</summary>
    public static string Describe(this IStringLocalizer<Strings> l, ActionStatus action)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(action);
        var text = l[$"JobsLatest{action.Progress}", l[$"JobsAction{action.Action}"], Format.Moment(action.At)].Value;
        return action.JobName is { } job ? $"{text} · {l["JobsLatestJob", job]}" : text;
    }
}
