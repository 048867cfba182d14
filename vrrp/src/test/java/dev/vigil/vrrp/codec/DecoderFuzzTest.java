package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.GROUP4;
import static dev.vigil.vrrp.codec.Fixtures.GROUP6;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static dev.vigil.vrrp.codec.Fixtures.ip6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult.Rejected;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 120,000 random and mutated packets (fixed seed): the decoder only ever answers Decoded or
 * Rejected, never throws, and leaves the caller's buffer alone. Mutated packets start from a
 * valid encoding and get 0-3 of: truncation, extension, bit flip, new address count, new first
 * byte (IP version/IHL or VRRP version/type), new VRID/priority; the untouched quarter keeps the
 * accepting path exercised.
 */
class DecoderFuzzTest {

    private static final long SEED = 0x5652_5250L;
    private static final int RANDOM_CASES = 40_000;
    private static final int MUTATED_CASES = 80_000;
    private static final DecodeOptions[] OPTIONS = {
        DecodeOptions.DEFAULT,
        DecodeOptions.DEFAULT.withV3ChecksumAsV2(true),
        DecodeOptions.DEFAULT.withOldUnicastChecksum(DecodeOptions.OldUnicastChecksum.ALWAYS),
        DecodeOptions.DEFAULT.withOldUnicastChecksum(DecodeOptions.OldUnicastChecksum.NEVER),
    };

    private final Random random = new Random(SEED);
    private final Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
    private int decoded;

    @Test
    void randomAndMutatedPacketsNeverThrow() {
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (random.nextBoolean() ? 0x45 : 0x21 + random.nextInt(2) * 0x10);
            }
            run(bytes, randomMeta(random.nextInt(4)));
        }
        for (int i = 0; i < MUTATED_CASES; i++) {
            int kind = random.nextInt(4);
            byte[] valid = validPacket(kind);
            run(mutate(valid, kind == 0), metaFor(kind));
        }
        assertTrue(decoded > 10_000, "mutations reach the accepting path: " + decoded);
        assertTrue(reasons.size() >= RejectReason.values().length - 2, "reasons reached: " + reasons);
    }

    private void run(byte[] bytes, RxMeta meta) {
        VrrpDecoder decoder = new VrrpDecoder(OPTIONS[random.nextInt(OPTIONS.length)]);
        DecodeResult result;
        int offset = random.nextInt(3);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + offset + 2).position(offset);
        buffer.put(bytes).flip().position(offset);
        try {
            result = random.nextBoolean() ? decoder.decode(bytes, meta) : decoder.decode(buffer, meta);
        } catch (RuntimeException e) {
            fail("decoder threw on " + HexFormat.of().formatHex(bytes) + " with " + meta, e);
            return;
        }
        assertNotNull(result);
        assertEquals(offset, buffer.position(), "buffer position untouched");
        switch (result) {
            case Decoded d -> {
                decoded++;
                assertTrue(d.advert().addresses().size() <= Advertisement.MAX_ADDRESSES);
            }
            case Rejected r -> reasons.add(r.reason());
        }
    }

    /** kind 0: IPv4 with header; 1: IPv4 without; 2: IPv6 kernel-verified; 3: IPv6 verified here. */
    private RxMeta randomMeta(int kind) {
        return switch (kind) {
            case 0 -> RxMeta.ipv4WithHeader();
            case 1 -> RxMeta.ipv4(ip4("10.0.0.1"), random.nextBoolean() ? GROUP4 : ip4("10.0.0.2"), random.nextInt(256));
            default -> RxMeta.ipv6(ip6("fe80::1"), GROUP6, random.nextInt(256), kind == 2);
        };
    }

    private static RxMeta metaFor(int kind) {
        return switch (kind) {
            case 0 -> RxMeta.ipv4WithHeader();
            case 1 -> RxMeta.ipv4(ip4("10.0.0.1"), GROUP4, 255);
            default -> RxMeta.ipv6(ip6("fe80::1"), GROUP6, 255, kind == 2);
        };
    }

    private byte[] validPacket(int kind) {
        boolean v6 = kind >= 2;
        AddressFamily family = v6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
        List<InetAddress> addresses = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            addresses.add(v6 ? ip6("2001:db8::" + (i + 1)) : ip4("10.1.0." + (i + 1)));
        }
        Advertisement advert = random.nextBoolean()
                ? Advertisement.v3(1 + random.nextInt(255), random.nextInt(256), random.nextInt(4096), family, addresses)
                : Advertisement.v2(1 + random.nextInt(255), random.nextInt(256), AuthType.PASS,
                        v6 ? AuthData.ZERO : AuthData.fromPassword("pw" + random.nextInt(99)), 1 + random.nextInt(255),
                        family, addresses);
        return switch (kind) {
            case 0 -> Ipv4PacketEncoder.encode(advert, new Ipv4HeaderFields(random.nextInt(65536), 255,
                    ip4("10.0.0.1"), GROUP4), false);
            case 1 -> VrrpEncoder.encode(advert, VrrpEncoder.keepalivedRule(advert, ip4("10.0.0.1"), GROUP4, false));
            case 2 -> VrrpEncoder.encode(advert, ChecksumRule.LEFT_FOR_KERNEL);
            default -> VrrpEncoder.encode(advert, new ChecksumRule.Ipv6PseudoHeader(ip6("fe80::1"), GROUP6));
        };
    }

    private byte[] mutate(byte[] valid, boolean withIpHeader) {
        byte[] p = valid;
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(6)) {
                case 0 -> p = Arrays.copyOf(p, random.nextInt(p.length + 1));
                case 1 -> p = Arrays.copyOf(p, p.length + 1 + random.nextInt(24));
                case 2 -> {
                    if (p.length > 0) {
                        p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 3 -> setByte(p, (withIpHeader ? 20 : 0) + 3, random.nextInt(256));
                case 4 -> setByte(p, withIpHeader ? 0 : random.nextInt(8), random.nextInt(256));
                default -> setByte(p, (withIpHeader ? 20 : 0) + random.nextInt(2), random.nextInt(256));
            }
        }
        return p;
    }

    private static void setByte(byte[] p, int index, int value) {
        if (index < p.length) {
            p[index] = (byte) value;
        }
    }
}
