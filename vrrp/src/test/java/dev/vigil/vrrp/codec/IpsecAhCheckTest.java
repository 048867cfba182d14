package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.InternetChecksum;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.CheckVerdict.Drop;
import dev.vigil.vrrp.codec.CheckVerdict.Reject;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * keepalived's receive checks for {@code auth_type AH} (reference §2.4 #1 and #9,
 * {@code vrrp_in_chk_ipsecah}) and its sequence counter, on packets from
 * {@link IpsecAhPacketEncoder}.
 */
class IpsecAhCheckTest {

    private static final Inet4Address SOURCE = (Inet4Address) Fixtures.ip4("10.77.0.1");
    private static final Inet4Address PEER = (Inet4Address) Fixtures.ip4("10.77.0.2");
    private static final List<InetAddress> VIPS = List.of(Fixtures.ip4("10.77.6.100"));
    private static final AdvertExpectations AH = AdvertExpectations
            .multicast(VrrpVersion.V2, AddressFamily.IPV4, 100, VIPS).withIpsecAh("secret");
    private static final Advertisement ADVERT = Advertisement.v2(61, 150, AuthType.AH, AuthData.ZERO, 1,
            AddressFamily.IPV4, VIPS);

    private static byte[] packet(String password, long sequence, Consumer<byte[]> change) {
        byte[] p = IpsecAhPacketEncoder.encode(ADVERT, new Ipv4HeaderFields((int) sequence & 0xFFFF, 255, SOURCE,
                VrrpWire.IPV4_GROUP), AuthData.fromPassword(password), sequence, false);
        change.accept(p);
        return p;
    }

    private static Decoded decode(byte[] packet) {
        DecodeResult result = new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader());
        return assertInstanceOf(Decoded.class, result, result::toString);
    }

    private static CheckVerdict check(AdvertExpectations expected, byte[] packet, AhSequence sequence) {
        return new AdvertChecker(expected).check(decode(packet), 100, true, sequence);
    }

    private static void rejected(CheckReason reason, CheckVerdict verdict) {
        assertEquals(reason, assertInstanceOf(Reject.class, verdict, verdict::toString).reason());
    }

    @Test
    void goodPacketIsAcceptedAndAdvancesTheCounter() {
        AhSequence sequence = new AhSequence();
        assertTrue(check(AH, packet("secret", 5, p -> { }), sequence).accepted());
        assertEquals(5, sequence.current());
    }

    @Test
    void wrongPasswordIsAnIcvMismatchAndLeavesTheCounter() {
        AhSequence sequence = new AhSequence();
        rejected(CheckReason.AH_ICV_MISMATCH, check(AH, packet("other", 5, p -> { }), sequence));
        assertEquals(0, sequence.current());
        // Only the first 8 characters key the HMAC, as in keepalived.
        assertTrue(check(AH.withIpsecAh("12345678"), packet("123456789", 1, p -> { }), sequence).accepted());
    }

    @Test
    void mutableIpFieldsAreOutsideTheIcvButOthersAreIn() {
        // TOS and fragment offset may change in transit (RFC 2402 §3.3.3.1.1.1); the header
        // checksum is recomputed by the decoder's own rules, so fix it after each change.
        assertTrue(check(AH, packet("secret", 1, p -> {
            p[1] = 0;
            p[6] = 0x40;
            fixIpChecksum(p);
        }), new AhSequence()).accepted());
        rejected(CheckReason.AH_ICV_MISMATCH, check(AH, packet("secret", 1, p -> {
            p[5] ^= 1;
            fixIpChecksum(p);
        }), new AhSequence()));
        // Multicast: the TTL is covered (keepalived zeroes it only for unicast instances); the
        // decoder would refuse TTL 254 first, so ask the ICV directly.
        byte[] lowTtl = packet("secret", 1, p -> p[8] = (byte) 254);
        assertFalse(IpsecAh.icvMatches(lowTtl, 20, AuthData.fromPassword("secret"), false));
    }

    @Test
    void spiOtherThanTheSourceIsRejected() {
        byte[] p = packet("secret", 1, q -> { });
        byte[] resealed = reseal(p, q -> q[27] ^= 1);
        rejected(CheckReason.AH_SPI_MISMATCH, check(AH, resealed, new AhSequence()));
    }

    @Test
    void otherNextHeaderIsDropped() {
        byte[] p = reseal(packet("secret", 1, q -> { }), q -> q[20] = 6);
        assertEquals(CheckReason.AH_NOT_VRRP, assertInstanceOf(Drop.class, check(AH, p, new AhSequence())).reason());
    }

    @Test
    void replayedOrOldSequenceIsRejected() {
        AhSequence sequence = new AhSequence();
        assertTrue(check(AH, packet("secret", 7, p -> { }), sequence).accepted());
        rejected(CheckReason.AH_SEQUENCE_REPLAYED, check(AH, packet("secret", 7, p -> { }), sequence));
        rejected(CheckReason.AH_SEQUENCE_REPLAYED, check(AH, packet("secret", 3, p -> { }), sequence));
        assertEquals(7, sequence.current());
        // What we sent counts too: after sending 8, a peer's 8 is a replay.
        assertEquals(8, sequence.nextToSend());
        rejected(CheckReason.AH_SEQUENCE_REPLAYED, check(AH, packet("secret", 8, p -> { }), sequence));
        assertTrue(check(AH, packet("secret", 9, p -> { }), sequence).accepted());
    }

    @Test
    void ahPresenceMustMatchTheConfiguration() {
        AdvertExpectations none = AdvertExpectations.multicast(VrrpVersion.V2, AddressFamily.IPV4, 100, VIPS);
        rejected(CheckReason.AUTH_TYPE_MISMATCH, check(none, packet("secret", 1, p -> { }), null));
        byte[] plain = Ipv4PacketEncoder.encode(Advertisement.v2(61, 150, AuthType.NONE, AuthData.ZERO, 1,
                AddressFamily.IPV4, VIPS), new Ipv4HeaderFields(1, 255, SOURCE, VrrpWire.IPV4_GROUP), false);
        rejected(CheckReason.AUTH_TYPE_MISMATCH, check(AH, plain, new AhSequence()));
        assertThrows(IllegalArgumentException.class, () -> check(AH, packet("secret", 1, p -> { }), null));
    }

    @Test
    void unicastLeavesTheTtlOutOfTheIcv() {
        AdvertExpectations unicast = new AdvertExpectations(VrrpVersion.V2, AddressFamily.IPV4, AuthType.AH,
                AuthData.fromPassword("secret"), 100, true, VIPS, false, false, List.of(new UnicastPeer(SOURCE, 0, 255)));
        byte[] p = IpsecAhPacketEncoder.encode(ADVERT, new Ipv4HeaderFields(1, 64, SOURCE, PEER),
                AuthData.fromPassword("secret"), 1, true);
        p[8] = 60;
        fixIpChecksum(p);
        assertTrue(check(unicast, p, new AhSequence()).accepted());
    }

    @Test
    void counterFollowsKeepalived() {
        AhSequence sequence = new AhSequence();
        assertEquals(1, sequence.nextToSend());
        assertEquals(2, sequence.nextToSend());
        sequence.masterHeardLowerPriority(40);
        assertEquals(42, sequence.nextToSend());
        assertFalse(sequence.accept(42));
        assertTrue(sequence.accept(0xFFFF_FFFEL));
        // At the end it stops counting, marks itself cycled and restarts on becoming master.
        assertEquals(0xFFFF_FFFEL, sequence.nextToSend());
        assertTrue(sequence.cycled());
        sequence.becomingMaster();
        assertEquals(1, sequence.nextToSend());
        assertFalse(sequence.cycled());
    }

    @Test
    void encoderRefusesWhatIsNotAnAhAdvert() {
        Advertisement pass = Advertisement.v2(61, 150, AuthType.PASS, AuthData.fromPassword("x"), 1,
                AddressFamily.IPV4, VIPS);
        Ipv4HeaderFields header = new Ipv4HeaderFields(1, 255, SOURCE, VrrpWire.IPV4_GROUP);
        assertThrows(IllegalArgumentException.class,
                () -> IpsecAhPacketEncoder.encode(pass, header, AuthData.fromPassword("x"), 1, false));
        assertThrows(IllegalArgumentException.class,
                () -> IpsecAhPacketEncoder.encode(ADVERT, header, AuthData.fromPassword("x"), 1L << 32, false));
    }

    /** Applies {@code change} and computes a fresh ICV with the right key, so only the change is judged. */
    private static byte[] reseal(byte[] packet, Consumer<byte[]> change) {
        byte[] p = packet.clone();
        change.accept(p);
        byte[] icv = IpsecAh.icv(p, 20, AuthData.fromPassword("secret"), false);
        System.arraycopy(icv, 0, p, 32, IpsecAh.ICV_LENGTH);
        return p;
    }

    private static void fixIpChecksum(byte[] p) {
        p[10] = 0;
        p[11] = 0;
        int sum = InternetChecksum.of(p, 0, 20);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
    }
}
