using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>Plays one customer system for the whole run: connects, reconnects whenever the link ends, and misbehaves as its fault says.</summary>
internal sealed class SimulatedDevice
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(15);

    private readonly CustomerPlan _customer;
    private readonly FleetEntry _credentials;
    private readonly DeviceEnvironment _environment;
    private readonly DeviceNetwork _network;
    private readonly AlarmSource? _alarms;
    private readonly AlarmOutbox _outbox;
    private readonly LinkRotation _links;
    private readonly DeviceConfiguration _configuration;
    private DeviceState _state = DeviceState.Idle;
    private string? _refusal;

    public SimulatedDevice(CustomerPlan customer, FleetEntry credentials, DeviceEnvironment environment)
    {
        _customer = customer;
        _credentials = credentials;
        _environment = environment;
        _network = new DeviceNetwork(customer.Servers);
        _alarms = AlarmSource.IsEnabled(environment.AlarmsPerMinute) ? new AlarmSource(environment.AlarmsPerMinute) : null;
        _outbox = environment.Alarms.Outbox(customer.Index);
        _links = new LinkRotation(environment.Links, customer.Index);
        _configuration = new DeviceConfiguration(customer, environment.Commands.Clock);
    }

    public async Task RunAsync(TimeSpan startDelay, CancellationToken ct)
    {
        // Provisioned but never seen: COM should keep it at "awaiting initial connection".
        if (_customer.Fault == Fault.NeverConnect)
            return;
        try
        {
            await Task.Delay(startDelay, ct);
            while (true)
            {
                if (_state == DeviceState.Idle)
                    MoveTo(DeviceState.Connecting);
                var (client, welcome) = await _environment.Reconnect.ExecuteAsync(AttemptAsync, ct);
                await using (client)
                {
                    MoveTo(DeviceState.Connected);
                    SetRefusal(null);
                    await PlayLinkAsync(client, welcome, ct);
                    MoveTo(DeviceState.Connecting);
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The run is over; whatever the stop interrupted (a delay, a hello, a send) failed for that reason only.
        }
        finally
        {
            SetRefusal(null);
            MoveTo(DeviceState.Idle);
        }
    }

    private async Task PlayLinkAsync(DeviceClient client, WelcomeMessage welcome, CancellationToken ct)
    {
        // Unacknowledged alarms go out before the storm can pick this device for a new one.
        _outbox.Attach(client);
        _environment.Alarms.Connected.Add(_customer.Index);
        try
        {
            await new LinkSession(_customer, _network, _alarms, _outbox, _environment, _configuration, _links.Current).RunAsync(client, welcome, ct);
        }
        finally
        {
            _environment.Alarms.Connected.Remove(_customer.Index);
            _outbox.Detach(client);
            _links.MoveOn();
        }
    }

    private async ValueTask<(DeviceClient Client, WelcomeMessage Welcome)> AttemptAsync(CancellationToken ct)
    {
        DeviceClient? client = null;
        try
        {
            client = await DeviceClient.ConnectAsync(_links.Current, _environment.Trusted, ct);
            var hello = HelloFactory.Create(_customer, _credentials, _network.Servers, _configuration.Hash(),
                _environment.Commands.TimeZone ?? PbxConfiguration.TimeZoneOf(_customer));
            // The hello wait has no token of its own; a stop aborts the link to end it at once.
            await using var stopAborts = ct.Register(client.Abort);
            var welcome = await client.HelloAsync(hello, HelloTimeout);
            return (client, welcome);
        }
        catch (Exception e)
        {
            if (client is not null)
                await client.DisposeAsync();
            // A COM that answered "try again later" is alive and takes the link as soon as its cluster has settled;
            // moving on would walk the device into a dead silo's address and the growing back-off after it.
            if (e is not LinkRefusedException { Reason: RefusalReasons.TryAgainLater })
                _links.MoveOn();
            if (!ct.IsCancellationRequested)
                OnAttemptFailed(e);
            throw;
        }
    }

    private void OnAttemptFailed(Exception error)
    {
        var refused = error as LinkRefusedException;
        SetRefusal(refused);
        MoveTo(refused is null ? DeviceState.Connecting : DeviceState.Refused);
        if (refused is null)
            _environment.Counters.Problem($"{_customer.Name}: {ConnectionErrors.Describe(error)}");
    }

    private void SetRefusal(LinkRefusedException? refused)
    {
        if (refused?.Reason == _refusal)
            return;
        if (_refusal is not null)
            _environment.Refusals.Leave(_refusal);
        if (refused is not null)
            _environment.Refusals.Enter(_customer, refused);
        _refusal = refused?.Reason;
    }

    private void MoveTo(DeviceState state)
    {
        _environment.Counters.Move(_state, state);
        _state = state;
    }
}
