namespace Com.Simulator;

internal static class Usage
{
    public static string Text => $"""
        Com.Simulator: plays customer systems (PBX networks) against a COM deployment.

        Usage: Com.Simulator [options]

          --link <wss-url>        device link endpoint (default wss://localhost:7443/cpe/link)
          --api <https-url>       provisioning API base (default https://localhost:7080/com/api)
          --token <token>         provisioning API token (default: $COM_PROVISIONING_TOKEN);
                                  needed only when customers must be created
          --trust <pem-file>      COM's certificate; the only one accepted (default .data/certs/com.crt)
          --customers <n>         customers to play (default 10)
          --max-servers <m>       servers per customer network, 1..m, the first is the primary (default 3)
          --faults <list>         e.g. "wrong-password=2,legacy=3"; "none" for a healthy fleet
                                  (default: a few of each kind, about a quarter of the fleet)
          --alarm-rate <r>        alarms raised per minute per device, each cleared later (default 0)
          --seed <n>              seed of the fleet's networks and fault choice (default 1)
          --fleet-file <path>     provisioned customers and passwords (default .data/sim/fleet.json)
          --name-prefix <text>    customer names are "<prefix> 001", ... (default "Demo customer")
          --connect-rate <n>      new links a second while the fleet starts (default 500); COM refuses
                                  more than Com:Devices:AttemptsPerAddressPerMinute (600) a minute
                                  from one address, so raise that setting for load tests
          --duration <seconds>    stop after this long; 0 runs until Ctrl-C or SIGTERM (default 0)
          --help                  this text

        Faults: {string.Join(", ", FaultNames.All)}.
        A rerun with the same fleet file plays the same customers without creating them again.
        Every 10 s it prints: connected=N refused=N connecting=N alarms-sent=N

        """;
}
