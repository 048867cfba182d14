package dev.vigil.vrrp.codec;

import dev.vigil.common.text.InetText;
import dev.vigil.vrrp.codec.CheckVerdict.Accept;
import dev.vigil.vrrp.codec.CheckVerdict.AcceptNote;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.CheckVerdict.Drop;
import dev.vigil.vrrp.codec.CheckVerdict.Reject;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of keepalived's {@code vrrp_check_packet} that need the instance's
 * configuration (reference §2.4), applied to an advertisement {@link VrrpDecoder} accepted,
 * in keepalived's order: #1 AH header present iff expected, #4 version, #7 auth type, #8
 * password, #9 IPsec AH (next header, ICV, SPI, sequence number), #10 v2
 * interval (drop), #13 v3 interval (note), #15 unicast vs multicast, #16 owner ignores
 * adverts (drop), #17 address count (note), #18 VIPs (note), #19 unicast source and TTL
 * range, #20 priority 0 (note).
 *
 * <p>The wire checks run first, in the decoder; so a packet that fails both a wire check and
 * a configuration check is reported under the wire reason, where keepalived would report the
 * lower-numbered check. Whether it is accepted is the same either way.
 *
 * <p>Pure, immutable and thread-safe. The one piece of state, an AH instance's sequence
 * counter, belongs to the caller, who passes it in; check #9 advances it as keepalived does.
 */
public final class AdvertChecker {

    private final AdvertExpectations expected;

    public AdvertChecker(AdvertExpectations expected) {
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public AdvertExpectations expectations() {
        return expected;
    }

    /**
     * Judges {@code packet} for this instance.
     *
     * @param effectivePriority the instance's current priority (check #16 asks whether it is 255)
     * @param checkVipAddresses whether to compare VIPs (#18); keepalived skips it for the same
     *                          master when {@code skip_check_adv_addr} is set
     */
    public CheckVerdict check(Decoded packet, int effectivePriority, boolean checkVipAddresses) {
        return check(packet, effectivePriority, checkVipAddresses, null);
    }

    /**
     * Judges {@code packet} for this instance, an {@code auth_type AH} one included.
     *
     * @param sequence the instance's AH sequence counter (required when the auth type is AH);
     *                 advanced when the packet's AH header passes check #9, even if a later
     *                 check refuses the packet, as in keepalived
     */
    public CheckVerdict check(Decoded packet, int effectivePriority, boolean checkVipAddresses,
                              AhSequence sequence) {
        Advertisement advert = packet.advert();
        CheckVerdict auth = checkVersionAndAuth(packet);
        if (auth == null && expected.authType() == AuthType.AH) {
            if (sequence == null) {
                throw new IllegalArgumentException("an auth_type AH instance needs its sequence counter");
            }
            auth = checkIpsecAh(packet, sequence);
        }
        if (auth != null) {
            return auth;
        }
        // RFC 3768 §7.1: v2 MUST drop a mismatched interval; keepalived counts it as a drop.
        if (advert.version() == VrrpVersion.V2 && advert.advertIntervalCentis() != expected.advertIntervalCentis()) {
            return new Drop(CheckReason.INTERVAL_MISMATCH, String.format("ours %d s, received %d s",
                    expected.advertIntervalCentis() / 100, advert.advertIntervalCentis() / 100));
        }
        Set<AcceptNote> notes = EnumSet.noneOf(AcceptNote.class);
        // RFC 5798 §6.4.2: v3 only logs a difference; the backup adopts the master's interval.
        if (advert.version() == VrrpVersion.V3 && advert.advertIntervalCentis() != expected.advertIntervalCentis()) {
            notes.add(AcceptNote.INTERVAL_DIFFERS);
        }
        if (packet.multicast() == expected.unicast()) {
            return new Reject(CheckReason.UNICAST_MULTICAST_MISMATCH, String.format("expected %s, received %s to %s",
                    expected.unicast() ? "unicast" : "multicast", packet.multicast() ? "multicast" : "unicast",
                    InetText.format(packet.destination())));
        }
        if (expected.ownerIgnoreAdverts() && effectivePriority == 255) {
            return new Drop(CheckReason.OWNER_IGNORES_ADVERTS, "we own the addresses");
        }
        noteAddresses(advert, checkVipAddresses, notes);
        CheckVerdict source = checkUnicastSource(packet);
        if (source != null) {
            return source;
        }
        if (advert.priority() == 0) {
            notes.add(AcceptNote.PRIORITY_ZERO);
        }
        return new Accept(notes);
    }

    /** Checks #1, #4, #7 and #8. */
    private CheckVerdict checkVersionAndAuth(Decoded packet) {
        Advertisement advert = packet.advert();
        boolean ahExpected = expected.authType() == AuthType.AH;
        if (packet.ipsecAh().isPresent() != ahExpected) {
            return new Reject(CheckReason.AUTH_TYPE_MISMATCH,
                    ahExpected ? "no AH header but auth type is AH" : "AH header but auth type is not AH");
        }
        if (advert.version() != expected.version()) {
            return new Reject(CheckReason.VERSION_MISMATCH, String.format("received version %d, expected %d",
                    advert.version().wire(), expected.version().wire()));
        }
        if (advert.version() != VrrpVersion.V2) {
            return null;
        }
        // RFC 3768 §7.1: MUST perform the authentication the auth type asks for.
        if (advert.authType() != expected.authType()) {
            return new Reject(CheckReason.AUTH_TYPE_MISMATCH, String.format("received auth type %d, expected %d",
                    advert.authType().wire(), expected.authType().wire()));
        }
        if (expected.authType() == AuthType.PASS && !advert.authData().matchesInConstantTime(expected.password())) {
            return new Reject(CheckReason.AUTH_FAILURE, "invalid password");
        }
        return null;
    }

    /**
     * Check #9 (keepalived {@code vrrp_in_chk_ipsecah}): the AH header must protect VRRP, else
     * the packet is dropped; then the ICV, the SPI (the source address) and the sequence number
     * (above the counter, which takes it) are each a reject.
     */
    private CheckVerdict checkIpsecAh(Decoded packet, AhSequence sequence) {
        ReceivedAh ah = packet.ipsecAh().orElseThrow();
        if (ah.nextHeader() != VrrpWire.PROTOCOL) {
            return new Drop(CheckReason.AH_NOT_VRRP, "AH next header " + ah.nextHeader());
        }
        // RFC 2402 §3.4.4: the ICV first; nothing else in the packet can be trusted before it.
        if (!ah.icvMatches(expected.password(), expected.unicast())) {
            return new Reject(CheckReason.AH_ICV_MISMATCH, "invalid HMAC-MD5-96: other password or changed fields");
        }
        if (!ah.spiIsSource()) {
            return new Reject(CheckReason.AH_SPI_MISMATCH, String.format("SPI %08x from %s",
                    ah.spi(), InetText.format(packet.source())));
        }
        long ours = sequence.current();
        if (!sequence.accept(ah.sequence())) {
            return new Reject(CheckReason.AH_SEQUENCE_REPLAYED, String.format(
                    "sequence number %d from %s, ours %d", ah.sequence(), InetText.format(packet.source()), ours));
        }
        return null;
    }

    /** Checks #17 and #18: keepalived only logs and counts these. */
    private void noteAddresses(Advertisement advert, boolean checkVipAddresses, Set<AcceptNote> notes) {
        if (advert.addresses().size() != expected.vips().size()) {
            notes.add(AcceptNote.ADDRESS_COUNT_DIFFERS);
        } else if (checkVipAddresses && !advert.addresses().containsAll(expected.vips())) {
            // Same count and distinct VIPs: all present means the lists are equal as sets.
            notes.add(AcceptNote.VIP_MISSING);
        }
    }

    /** Check #19: only for unicast instances that check their sources. */
    private CheckVerdict checkUnicastSource(Decoded packet) {
        if (!expected.unicast() || !expected.checkUnicastSource()) {
            return null;
        }
        InetAddress source = packet.source();
        for (UnicastPeer peer : expected.unicastPeers()) {
            if (peer.address().equals(source)) {
                int ttl = packet.hopLimit();
                if (ttl != RxMeta.UNKNOWN_HOP_LIMIT && (ttl < peer.minTtl() || ttl > peer.maxTtl())) {
                    return new Drop(CheckReason.TTL_OUTSIDE_PEER_RANGE, String.format("TTL %d from %s not in %d..%d",
                            ttl, InetText.format(source), peer.minTtl(), peer.maxTtl()));
                }
                return null;
            }
        }
        return new Reject(CheckReason.UNKNOWN_UNICAST_SOURCE, InetText.format(source) + " is not a unicast peer");
    }
}
