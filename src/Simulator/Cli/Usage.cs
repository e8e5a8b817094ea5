namespace Com.Simulator;

internal static class Usage
{
    public static string Text => $"""
        Com.Simulator: plays customer systems (PBX networks) against a COM deployment.

        Usage: Com.Simulator [options]

          --link <wss-url>[,...]  device link endpoint (default wss://localhost:7443/cpe/link); with several,
                                  device i starts on URL i mod n and moves on to the next one whenever an
                                  attempt fails or its link ends
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
          --provision-only        create the customers and write the fleet file, then stop without linking
          --help                  this text

        Benchmark options:
          --alarm-storm <steps>   e.g. "2000:30,0:10,5000:30": steps of R alarm events a second across the
                                  fleet (Poisson arrivals, R may be 0) for S seconds; each event raises or
                                  clears an alarm on a random linked device (at most 4 open each)
          --storm-wait <seconds>  the storm starts once every device COM should welcome has been, or this
                                  long after the fleet started (default 300)
          --stats <file>          writes a JSON line of figures every second, and one at each storm step's end
          --ledger <file>         writes each customer's open alarm count once COM has acknowledged every
                                  alarm after the storm, and again when the run stops

        Backup and restore commands:
          --config-change-seconds <n>
                                  each system's configuration changes a few lines every n seconds, counted
                                  from the Unix epoch (default 86400, a day); hello reports its SHA-256
          --backup-size <size>    pads every backup to about this size with generated data, e.g. 200M,
                                  1.5G, 65536 (default: no padding, a few hundred KB)
          --backup-fault <kind>:<indexes>
                                  customers (0-based index in the fleet, comma separated) that misbehave
                                  on commands; repeatable. Kinds: {string.Join(", ", BackupFaults.All)}
          --time-zone <zone>      every system reports this IANA zone (e.g. UTC) instead of its own, so a
                                  benchmark can place the nightly backup window (default: each system's,
                                  one of five European zones)
          --tunnel-map <file>     JSON object mapping tunnel targets to ports on 127.0.0.1, e.g.
                                  {"{"} "10.0.0.5:22": 2222, "*:443": 8443 {"}"} (* = any address); tunnels to
                                  anything not mapped are reported unreachable (default: none mapped)
          --web-manager-port <port>
                                  serves a Web Manager stand-in (HTTPS, sign-in cookie, redirects, a
                                  monitor WebSocket at /WebManagement/ws/monitor greeting with
                                  127.0.0.1:<port>) on 127.0.0.1:<port>; repeatable, one stand-in per
                                  port; map tunnels to them with --tunnel-map

        Faults: {string.Join(", ", FaultNames.All)}.
        A rerun with the same fleet file plays the same customers without creating them again.
        Every 10 s it prints: connected=N refused=N connecting=N alarms-sent=N alarms-acked=N unacked=N,
        and once COM has sent a command: backups=N backups-failed=N restores=N restores-failed=N
        commands-rejected=N commands-ignored=N
        Every alarm carries an id; those COM has not acknowledged are sent again, in order, on the next link.

        """;
}
