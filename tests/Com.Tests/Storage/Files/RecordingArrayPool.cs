using System.Buffers;

namespace Com.Tests.Storage.Files;

/// <summary>An array pool that remembers the largest buffer asked for and the most bytes lent out at once.</summary>
public sealed class RecordingArrayPool : ArrayPool<byte>
{
    private readonly Lock gate = new();
    private long lent;

    public int LargestRequest { get; private set; }

    public long MostLentAtOnce { get; private set; }

    public long LentNow { get { lock (gate) return lent; } }

    public override byte[] Rent(int minimumLength)
    {
        var buffer = Shared.Rent(minimumLength);
        lock (gate)
        {
            LargestRequest = Math.Max(LargestRequest, minimumLength);
            lent += buffer.Length;
            MostLentAtOnce = Math.Max(MostLentAtOnce, lent);
        }
        return buffer;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (gate)
            lent -= array.Length;
        Shared.Return(array, clearArray);
    }
}
