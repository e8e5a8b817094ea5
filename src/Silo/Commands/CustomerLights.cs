using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Commands;

/// <summary>How many customers show each traffic light.</summary>
public sealed record CustomerLights(int Green, int Orange, int Red)
{
    public int Total => Green + Orange + Red;

    public static CustomerLights Of(IReadOnlyDictionary<TrafficLight, int> counts) =>
        new(counts.GetValueOrDefault(TrafficLight.Green), counts.GetValueOrDefault(TrafficLight.Orange), counts.GetValueOrDefault(TrafficLight.Red));
}
