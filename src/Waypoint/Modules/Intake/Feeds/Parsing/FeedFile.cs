using System.Security.Cryptography;
using System.Text;

namespace Waypoint.Modules.Intake.Feeds.Parsing;

public enum FeedFormat
{
    Csv,
    Json,
}

/// <summary>A file or request body could not be used at all (e.g. a required column missing): nothing is imported.</summary>
public sealed class FeedFileException(string message) : Exception(message);

/// <summary>
/// The content as received, copied to a temporary file while its SHA-256 is computed, so that it can be read
/// twice (a check of its shape, then the import) without ever holding it in memory.
/// </summary>
internal sealed class FeedFile : IAsyncDisposable
{
    private readonly FileStream _file;

    private FeedFile(FileStream file, string hash)
    {
        _file = file;
        Hash = hash;
    }

    /// <summary>SHA-256 of the bytes received, lower-case hex.</summary>
    public string Hash { get; }

    public static async Task<FeedFile> SpoolAsync(Stream content, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "waypoint-feed-" + Guid.NewGuid().ToString("N") + ".tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            var valid = true;
            var buffer = new byte[ChunkSize];
            var chars = new char[ChunkSize + 1];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                valid = valid && IsUtf8(utf8, buffer.AsSpan(0, read), chars, flush: false);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await file.FlushAsync(ct);
            valid = valid && IsUtf8(utf8, [], chars, flush: true);
            return new FeedFile(file, Convert.ToHexStringLower(sha.GetHashAndReset())) { IsUtf8Text = valid };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>False when the bytes are not UTF-8 (a UTF-8 byte-order mark is fine).</summary>
    public bool IsUtf8Text { get; private init; }

    /// <summary>The size of each read; a character may straddle two reads, which the decoder's state carries over.</summary>
    internal const int ChunkSize = 81920;

    // GetChars, not GetCharCount: only decoding moves the decoder on, so that the bytes of a character split
    // between two reads are joined up rather than taken for invalid bytes.
    private static bool IsUtf8(Decoder decoder, ReadOnlySpan<byte> bytes, Span<char> chars, bool flush)
    {
        try
        {
            decoder.GetChars(bytes, chars, flush);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The content from its start; the stream stays owned by this file.</summary>
    public Stream Rewind()
    {
        _file.Position = 0;
        return new NonClosingStream(_file);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
