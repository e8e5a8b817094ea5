using System.Security.Cryptography;
using System.Text;

namespace Com.Simulator;

/// <summary>
/// The configuration one device runs: the generated one of the current period, or, once a restore applied one,
/// exactly those bytes until the simulator stops (the simulated administrator makes no daily edits on a restored
/// system, so COM keeps seeing what it restored). Only the hash of the generated text is kept between uses, so ten
/// thousand devices do not each hold their text.
/// </summary>
internal sealed class DeviceConfiguration(CustomerPlan customer, ConfigurationClock clock)
{
    private readonly Lock _lock = new();
    private long _hashedGeneration = -1;
    private string _generatedHash = string.Empty;
    private (byte[] Bytes, string Hash)? _restored;

    /// <summary>The bytes of <c>configuration.cfg</c> now.</summary>
    public byte[] Bytes()
    {
        lock (_lock)
        {
            if (_restored is { } restored)
                return restored.Bytes;
        }
        return Encoding.UTF8.GetBytes(PbxConfiguration.Render(customer, clock.Generation()));
    }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex, as the hello reports it.</summary>
    public string Hash()
    {
        var generation = clock.Generation();
        lock (_lock)
        {
            if (_restored is { } restored)
                return restored.Hash;
            if (generation == _hashedGeneration)
                return _generatedHash;
        }
        var hash = PbxConfiguration.Sha256(PbxConfiguration.Render(customer, generation));
        lock (_lock)
        {
            _hashedGeneration = generation;
            _generatedHash = hash;
            return _restored?.Hash ?? hash;
        }
    }

    public bool IsRestored
    {
        get
        {
            lock (_lock)
                return _restored is not null;
        }
    }

    /// <summary>Runs these bytes from now on, as they came in the backup, whatever their encoding.</summary>
    public void Restore(byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        lock (_lock)
            _restored = (bytes, hash);
    }
}
