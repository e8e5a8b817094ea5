using System.Security.Cryptography;
using Com.Storage.Files;

namespace Com.Tests.Storage;

/// <summary>Where <see cref="ContentDefinedChunker"/> cuts: decided by the content alone, so shifted content is found again.</summary>
[Trait("Category", "Unit")]
public sealed class FileStoreChunkerTests
{
    private static readonly ChunkSizes Sizes = ChunkSizes.Default;

    [Fact]
    public void SameContent_IsCutInTheSamePlaces_WhicheverPiecesItArrivesIn()
    {
        var content = RandomBytes(4 * 1024 * 1024, seed: 1);
        var random = new Random(2);

        var whole = CutLengths(content, _ => content.Length);
        var pieces = CutLengths(content, _ => random.Next(1, 100_000));
        var again = CutLengths(content, _ => content.Length);

        pieces.ShouldBe(whole, "feeding the content in pieces of random sizes must not move any cut");
        again.ShouldBe(whole, "a new chunker must cut the same content the same way");
        whole.Count.ShouldBeGreaterThan(10, "4 MiB should make dozens of chunks at a 64 KiB average");
    }

    [Fact]
    public void TheCutsOfAGivenContent_NeverMove_SoStoredChunksAreFoundAgain()
    {
        // Written down from the first chunker's cuts (the per-byte loop of 2026-11): a faster loop, or any change to
        // the gear table or the masks, must cut here still, or uploads stop sharing chunks with everything stored.
        List<int> expected = [12303, 38962, 21624, 37206, 51924, 17499, 42458, 48888, 29333, 34488, 36624, 42424, 34808, 22376, 36658,
            43935, 33175, 40176, 33133, 37591, 37830, 37222, 40509, 52260, 38760, 33448, 39252, 34922, 38788];
        var content = RandomBytes(1024 * 1024, seed: 5);

        CutLengths(content, _ => content.Length).ShouldBe(expected);
        CutLengths(content, _ => 1).ShouldBe(expected, "fed a byte at a time, every bound of the loop is crossed mid-call");
    }

    [Fact]
    public void Chunks_StayWithinTheBounds_AndAverageNearTheTarget()
    {
        var lengths = CutLengths(RandomBytes(32 * 1024 * 1024, seed: 3), _ => 64 * 1024);

        lengths.SkipLast(1).ShouldAllBe(l => l >= Sizes.Min, "only the last chunk may be shorter than the minimum");
        lengths.ShouldAllBe(l => l <= Sizes.Max);
        var mean = lengths.Average();
        TestContext.Current.TestOutputHelper?.WriteLine($"{lengths.Count} chunks, mean {mean / 1024:0.0} KiB, longest {lengths.Max() / 1024} KiB");
        mean.ShouldBeInRange(Sizes.Average * 0.75, Sizes.Average * 1.5, "normalised chunking keeps the mean near the average size");
    }

    [Fact]
    public void AnInsertionNearTheStart_MovesOnlyTheCutsNearIt()
    {
        var original = RandomBytes(8 * 1024 * 1024, seed: 4);
        var inserted = RandomBytes(100, seed: 5);
        var changed = original[..10_000].Concat(inserted).Concat(original[10_000..]).ToArray();

        var before = ChunkContents(original);
        var after = ChunkContents(changed);

        var lost = before.Except(after).Count();
        lost.ShouldBeLessThanOrEqualTo(2, $"only the chunks around the insertion should change; {lost} of {before.Count} did");
    }

    [Fact]
    public void ADeletionInTheMiddle_MovesOnlyTheCutsNearIt()
    {
        var original = RandomBytes(8 * 1024 * 1024, seed: 6);
        var changed = original[..4_000_000].Concat(original[4_000_500..]).ToArray();

        var lost = ChunkContents(original).Except(ChunkContents(changed)).Count();

        lost.ShouldBeLessThanOrEqualTo(2, "removing 500 bytes should change the chunk holding them and at most its neighbour");
    }

    [Fact]
    public void ContentWithoutACutPoint_IsCutAtTheMaximum()
    {
        var lengths = CutLengths(new byte[3 * Sizes.Max + 10], _ => 10_000);

        lengths.ShouldAllBe(l => l <= Sizes.Max);
        lengths.Sum().ShouldBe(3 * Sizes.Max + 10);
    }

    [Fact]
    public void ChunkSizes_ThatCannotWork_AreRefused()
    {
        Should.Throw<ArgumentException>(() => new ChunkSizes(1024, 1000, 4096), "the average must be a power of two");
        Should.Throw<ArgumentException>(() => new ChunkSizes(4096, 2048, 8192), "the minimum must be below the average");
        Should.Throw<ArgumentException>(() => new ChunkSizes(1024, 4096, 4096), "the maximum must be above the average");
    }

    private static List<int> CutLengths(byte[] content, Func<int, int> pieceSize)
    {
        var chunker = new ContentDefinedChunker(Sizes);
        var lengths = new List<int>();
        var current = 0;
        for (var offset = 0; offset < content.Length;)
        {
            var piece = content.AsSpan(offset, Math.Min(pieceSize(offset), content.Length - offset));
            while (!piece.IsEmpty)
            {
                var taken = chunker.Take(piece, out var cut);
                (current, offset) = (current + taken, offset + taken);
                piece = piece[taken..];
                if (cut)
                {
                    lengths.Add(current);
                    current = 0;
                }
            }
        }
        if (current > 0)
            lengths.Add(current);
        return lengths;
    }

    private static HashSet<string> ChunkContents(byte[] content)
    {
        var chunks = new HashSet<string>();
        var offset = 0;
        foreach (var length in CutLengths(content, _ => content.Length))
        {
            chunks.Add(Convert.ToHexString(SHA256.HashData(content.AsSpan(offset, length))));
            offset += length;
        }
        return chunks;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
