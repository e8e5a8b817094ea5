using Com.Grains.Interfaces.Customers;
using Com.WebFront.Resources;
using Microsoft.Extensions.Localization;

namespace Com.WebFront.Customers;

/// <summary>The sentence a user reads for a connectivity state, in their language, with its duration or detail.</summary>
public static class ConnectivityText
{
    public static string Describe(this IStringLocalizer<Strings> l, Connectivity connectivity, DateTimeOffset now) => connectivity.Code switch
    {
        ConnectivityCode.Offline => l["ConnectivityOffline", Format.Duration(now - connectivity.Since)],
        ConnectivityCode.ServerOffline => l["ConnectivityServerOffline", connectivity.Detail ?? ""],
        _ => l[$"Connectivity{connectivity.Code}"],
    };

    public static string CssClass(this TrafficLight light) => light switch
    {
        TrafficLight.Green => "com-light com-light-green",
        TrafficLight.Orange => "com-light com-light-orange",
        _ => "com-light com-light-red",
    };
}
