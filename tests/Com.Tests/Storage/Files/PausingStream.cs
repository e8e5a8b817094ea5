namespace Com.Tests.Storage.Files;

/// <summary>
/// Passes another stream through and stops once <paramref name="pauseAt"/> bytes were read, until the test lets it go
/// on or makes it fail: an upload caught in the middle, at a moment the test chooses.
/// </summary>
public sealed class PausingStream(Stream inner, long pauseAt) : Stream
{
    private readonly TaskCompletionSource<long> reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long position;

    /// <summary>Completes, with the position, when the reader has had every byte before the pause.</summary>
    public Task<long> Reached => reached.Task;

    /// <summary>Lets the reader go on to the end.</summary>
    public void Resume() => released.TrySetResult(null);

    /// <summary>Makes the reader's next read throw, as a dropped connection would.</summary>
    public void Fail(Exception error) => released.TrySetResult(error);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= pauseAt)
        {
            reached.TrySetResult(position);
            if (await released.Task.WaitAsync(cancellationToken) is { } error)
                throw error;
        }
        var limit = position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - position) : buffer.Length;
        var count = await inner.ReadAsync(buffer[..limit], cancellationToken);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
