package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.GROUP4;
import static dev.vigil.vrrp.codec.Fixtures.REFERENCE_VIPS;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.CheckVerdict.Accept;
import dev.vigil.vrrp.codec.CheckVerdict.AcceptNote;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.CheckVerdict.Drop;
import dev.vigil.vrrp.codec.CheckVerdict.Reject;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** keepalived's configuration-dependent receive checks (reference §2.4, #1-#20), one rule per test. */
class AdvertCheckerTest {

    private static final InetAddress PEER = ip4("10.0.0.2");
    private static final InetAddress ME = ip4("10.0.0.1");
    private static final AdvertExpectations V2_PASS = new AdvertExpectations(VrrpVersion.V2, AddressFamily.IPV4,
            AuthType.PASS, AuthData.fromPassword("1111"), 100, false, REFERENCE_VIPS, false, false, List.of());
    private static final AdvertExpectations V3 =
            AdvertExpectations.multicast(VrrpVersion.V3, AddressFamily.IPV4, 100, REFERENCE_VIPS);

    private static Advertisement v2(String password, int seconds, List<InetAddress> vips) {
        return Advertisement.v2(51, 100, AuthType.PASS, AuthData.fromPassword(password), seconds, AddressFamily.IPV4, vips);
    }

    private static Decoded multicast(Advertisement advert) {
        return new Decoded(advert, PEER, GROUP4, 255, ChecksumMatch.MESSAGE_ONLY);
    }

    private static Decoded unicast(Advertisement advert, int ttl) {
        return new Decoded(advert, PEER, ME, ttl, ChecksumMatch.PSEUDO_HEADER);
    }

    private static CheckVerdict check(AdvertExpectations expected, Decoded packet) {
        return new AdvertChecker(expected).check(packet, 100, true);
    }

    private static void rejected(CheckReason reason, CheckVerdict verdict) {
        assertEquals(reason, assertInstanceOf(Reject.class, verdict, verdict::toString).reason());
    }

    private static void dropped(CheckReason reason, CheckVerdict verdict) {
        assertEquals(reason, assertInstanceOf(Drop.class, verdict, verdict::toString).reason());
    }

    private static Set<AcceptNote> accepted(CheckVerdict verdict) {
        assertTrue(verdict.accepted(), verdict::toString);
        return assertInstanceOf(Accept.class, verdict).notes();
    }

    @Test
    void matchingV2PassAdvertIsAcceptedWithoutNotes() {
        assertEquals(Set.of(), accepted(check(V2_PASS, multicast(v2("1111", 1, REFERENCE_VIPS)))));
    }

    @Test
    void ahConfiguredButNoAhHeaderIsAuthTypeMismatch() {
        // #1: keepalived "No AH header but auth type is AH".
        var ah = new AdvertExpectations(VrrpVersion.V2, AddressFamily.IPV4, AuthType.AH, AuthData.ZERO, 100, false,
                REFERENCE_VIPS, false, false, List.of());
        rejected(CheckReason.AUTH_TYPE_MISMATCH, check(ah, multicast(v2("1111", 1, REFERENCE_VIPS))));
    }

    @Test
    void versionDifferentFromTheInstanceIsRejected() {
        // #4: RFC 3768 §7.1 MUST verify the version.
        rejected(CheckReason.VERSION_MISMATCH,
                check(V3, multicast(v2("1111", 1, REFERENCE_VIPS))));
    }

    @Test
    void v2AuthTypeDifferentFromConfiguredIsRejected() {
        // #7.
        var none = Advertisement.v2(51, 100, AuthType.NONE, AuthData.ZERO, 1, AddressFamily.IPV4, REFERENCE_VIPS);
        rejected(CheckReason.AUTH_TYPE_MISMATCH, check(V2_PASS, multicast(none)));
    }

    @Test
    void wrongPasswordIsAuthFailureAndAllEightBytesCount() {
        // #8: the 8 zero-padded bytes are compared, so "11111" differs from "1111".
        rejected(CheckReason.AUTH_FAILURE, check(V2_PASS, multicast(v2("2222", 1, REFERENCE_VIPS))));
        rejected(CheckReason.AUTH_FAILURE, check(V2_PASS, multicast(v2("11111", 1, REFERENCE_VIPS))));
        // Only the first 8 characters are used (keepalived truncates auth_pass).
        var longPw = V2_PASS.withPassword("12345678");
        accepted(check(longPw, multicast(v2("123456789", 1, REFERENCE_VIPS))));
    }

    @Test
    void v2IntervalMismatchIsDroppedNotRejected() {
        // #10: RFC 3768 §7.1 MUST discard; keepalived returns DROP.
        dropped(CheckReason.INTERVAL_MISMATCH, check(V2_PASS, multicast(v2("1111", 2, REFERENCE_VIPS))));
    }

    @Test
    void v3IntervalMismatchIsOnlyNoted() {
        // #13: keepalived logs and accepts; RFC 5798 §6.4.2 has the backup adopt the master's interval.
        var advert = Advertisement.v3(51, 100, 50, AddressFamily.IPV4, REFERENCE_VIPS);
        assertEquals(Set.of(AcceptNote.INTERVAL_DIFFERS), accepted(check(V3, multicast(advert))));
    }

    @Test
    void unicastPacketOnMulticastInstanceAndTheReverseAreRejected() {
        // #15.
        var advert = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS);
        rejected(CheckReason.UNICAST_MULTICAST_MISMATCH, check(V3, unicast(advert, 255)));
        rejected(CheckReason.UNICAST_MULTICAST_MISMATCH, check(unicastInstance(false, List.of()), multicast(advert)));
    }

    @Test
    void ownerIgnoringAdvertsDropsThemOnlyWhileAt255() {
        // #16: owner_ignore_adverts and effective priority 255.
        var ignoring = new AdvertExpectations(VrrpVersion.V3, AddressFamily.IPV4, AuthType.NONE, AuthData.ZERO, 100,
                false, REFERENCE_VIPS, true, false, List.of());
        var packet = multicast(Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS));
        dropped(CheckReason.OWNER_IGNORES_ADVERTS, new AdvertChecker(ignoring).check(packet, 255, true));
        accepted(new AdvertChecker(ignoring).check(packet, 254, true));
    }

    @Test
    void addressCountDifferenceIsOnlyNoted() {
        // #17: logged and counted (addr_list_err), still accepted.
        var fewer = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS.subList(0, 2));
        assertEquals(Set.of(AcceptNote.ADDRESS_COUNT_DIFFERS), accepted(check(V3, multicast(fewer))));
    }

    @Test
    void missingVipIsOnlyNotedAndSkippedWhenAsked() {
        // #18: logged and counted; skip_check_adv_addr lets the caller skip it for the same master.
        var other = List.of(REFERENCE_VIPS.get(0), REFERENCE_VIPS.get(1), ip4("192.168.200.99"));
        var packet = multicast(Advertisement.v3(51, 100, 100, AddressFamily.IPV4, other));
        assertEquals(Set.of(AcceptNote.VIP_MISSING), accepted(check(V3, packet)));
        assertEquals(Set.of(), accepted(new AdvertChecker(V3).check(packet, 100, false)));
        var reordered = List.of(REFERENCE_VIPS.get(2), REFERENCE_VIPS.get(0), REFERENCE_VIPS.get(1));
        assertEquals(Set.of(), accepted(check(V3, multicast(Advertisement.v3(51, 100, 100, AddressFamily.IPV4, reordered)))));
    }

    @Test
    void unicastSourceMustBeAPeerWhenChecked() {
        // #19: check_unicast_src → KO for a stranger; without the flag any source passes.
        var advert = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS);
        var strangers = List.of(UnicastPeer.of(ip4("10.0.0.3")));
        rejected(CheckReason.UNKNOWN_UNICAST_SOURCE, check(unicastInstance(true, strangers), unicast(advert, 64)));
        accepted(check(unicastInstance(false, strangers), unicast(advert, 64)));
        accepted(check(unicastInstance(true, List.of(UnicastPeer.of(PEER))), unicast(advert, 64)));
    }

    @Test
    void unicastTtlOutsidePeerRangeIsDropped() {
        // #19: min_ttl/max_ttl → DROP (ip_ttl_err); unknown TTL is not checked.
        var advert = Advertisement.v3(51, 100, 100, AddressFamily.IPV4, REFERENCE_VIPS);
        var ranged = unicastInstance(true, List.of(new UnicastPeer(PEER, 60, 64)));
        dropped(CheckReason.TTL_OUTSIDE_PEER_RANGE, check(ranged, unicast(advert, 59)));
        dropped(CheckReason.TTL_OUTSIDE_PEER_RANGE, check(ranged, unicast(advert, 65)));
        accepted(check(ranged, unicast(advert, 60)));
        accepted(check(ranged, unicast(advert, RxMeta.UNKNOWN_HOP_LIMIT)));
    }

    @Test
    void priorityZeroIsNoted() {
        // #20: pri_zero_rcvd.
        var resigning = Advertisement.v3(51, 0, 100, AddressFamily.IPV4, REFERENCE_VIPS);
        assertEquals(Set.of(AcceptNote.PRIORITY_ZERO), accepted(check(V3, multicast(resigning))));
    }

    @Test
    void keepalivedOrderAuthBeforeIntervalBeforeUnicastCheck() {
        // Wrong password (#8), wrong interval (#10) and wrong destination kind (#15): #8 wins.
        var packet = unicast(v2("2222", 5, REFERENCE_VIPS), 255);
        rejected(CheckReason.AUTH_FAILURE, check(V2_PASS, packet));
        rejected(CheckReason.VERSION_MISMATCH, check(V3, packet));
        dropped(CheckReason.INTERVAL_MISMATCH, check(V2_PASS, unicast(v2("1111", 5, REFERENCE_VIPS), 255)));
        // Drops of #16 come after the rejects of #15.
        var ignoring = new AdvertExpectations(VrrpVersion.V2, AddressFamily.IPV4, AuthType.PASS,
                AuthData.fromPassword("1111"), 100, false, REFERENCE_VIPS, true, false, List.of());
        rejected(CheckReason.UNICAST_MULTICAST_MISMATCH,
                new AdvertChecker(ignoring).check(unicast(v2("1111", 1, REFERENCE_VIPS), 255), 255, true));
    }

    private static AdvertExpectations unicastInstance(boolean checkSource, List<UnicastPeer> peers) {
        return new AdvertExpectations(VrrpVersion.V3, AddressFamily.IPV4, AuthType.NONE, AuthData.ZERO, 100, true,
                REFERENCE_VIPS, false, checkSource, peers);
    }
}
