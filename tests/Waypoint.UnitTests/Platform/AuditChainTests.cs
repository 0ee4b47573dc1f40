using CsCheck;
using Waypoint.Platform.Auditing;

namespace Waypoint.UnitTests.Platform;

public sealed class AuditChainTests
{
    private static AuditEntry Entry(AuditEvent e, long sequence = 1, string? previous = null)
    {
        var entry = new AuditEntry(e, new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), "corr-1")
        {
            Sequence = sequence,
            PreviousHash = previous ?? AuditChain.Genesis,
        };
        entry.Hash = AuditChain.ComputeHash(entry);
        return entry;
    }

    private static AuditEvent Consultation(string? detail = null) =>
        new(AuditOperation.Consultation, Guid.Empty, "vco.ns", Guid.Empty, "page", "Case", "c-1", Guid.Empty, Detail: detail);

    [Fact]
    public void The_hash_is_a_sha256_hex_string_and_the_same_for_the_same_entry()
    {
        var entry = Entry(Consultation());

        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(entry.Hash, AuditChain.ComputeHash(entry));
    }

    [Fact]
    public void Changing_the_previous_hash_changes_the_hash_so_a_replaced_predecessor_is_detected()
    {
        var a = Entry(Consultation(), previous: AuditChain.Genesis);
        var b = Entry(Consultation(), previous: new string('1', 64));

        a.PreviousHash = b.PreviousHash;
        Assert.NotEqual(a.Hash, AuditChain.ComputeHash(a));
    }

    [Fact]
    public void Any_change_to_the_text_of_an_entry_changes_its_hash()
    {
        Gen.String.Sample(detail =>
        {
            var original = Entry(Consultation("Viewed the case page"));
            var altered = Entry(Consultation(detail));
            return detail == "Viewed the case page" || original.Hash != altered.Hash;
        });
    }

    [Fact]
    public void Moving_text_from_one_field_to_the_next_changes_the_hash()
    {
        // Length-prefixing stops "ab" + "c" from hashing like "a" + "bc".
        var one = Entry(new AuditEvent(AuditOperation.Alteration, null, "x", null, "page", Field: "ab", OldValue: "c"));
        var two = Entry(new AuditEvent(AuditOperation.Alteration, null, "x", null, "page", Field: "a", OldValue: "bc"));

        Assert.NotEqual(one.Hash, two.Hash);
    }

    [Fact]
    public void Over_long_values_are_cut_to_the_column_size_rather_than_refused()
    {
        var entry = Entry(new AuditEvent(AuditOperation.Alteration, null, new string('u', 300), null, "page", NewValue: new string('v', 5000)));

        Assert.Equal(256, entry.UserName.Length);
        Assert.Equal(4000, entry.NewValue!.Length);
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_so_the_hash_survives_a_round_trip_through_postgresql()
    {
        var entry = new AuditEntry(Consultation(), new DateTime(638_000_000_000_000_007, DateTimeKind.Utc), null);

        Assert.Equal(0, entry.OccurredAt.Ticks % 10);
    }
}
