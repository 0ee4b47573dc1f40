using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Senders;

namespace Waypoint.UnitTests.Care;

public sealed class FolderSenderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "waypoint-unit-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_message_sent_again_overwrites_its_own_file_and_is_found_by_its_id()
    {
        var sender = new FolderSender(_root);
        var id = Guid.CreateVersion7();
        var letter = new OutgoingMessage(id, ContactChannel.Letter, "Alex <Smith>\n1 Street\nNS1 1AB", "Your case", "Dear Alex\n\nSecond paragraph", "en", DateTime.UtcNow);
        Assert.Null(await sender.FindAsync(id, ContactChannel.Letter, CancellationToken.None));
        var first = await sender.SendAsync(letter, CancellationToken.None);
        var second = await sender.SendAsync(letter, CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(first, await sender.FindAsync(id, ContactChannel.Letter, CancellationToken.None));
        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories);
        var file = Assert.Single(files);
        Assert.Equal(id.ToString("D") + ".html", Path.GetFileName(file));
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("Alex &lt;Smith&gt;", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<p>Second paragraph</p>", html, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
