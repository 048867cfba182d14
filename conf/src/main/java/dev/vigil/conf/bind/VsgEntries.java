package dev.vigil.conf.bind;

import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpPrefix;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses one {@code virtual_server_group} line: {@code fwmark N [inet|inet6]}, or an address
 * range with an optional port: {@code ADDR}, {@code a.b.c.d-E} (last octet up to E),
 * {@code x::y-Z} (last group up to hex Z) or {@code ADDR/LEN} (the whole prefix).
 */
final class VsgEntries {

    private static final long U32_MAX = 0xffffffffL;

    private VsgEntries() {
    }

    static Optional<VsgEntry> parse(ConfNode line, BindContext context) {
        if (line.name().equals("fwmark")) {
            return fwmark(line, context);
        }
        Optional<VsgEntry.AddressRange> range = range(line.keyword(), context);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> port = Optional.empty();
        if (!line.arguments().isEmpty()) {
            port = Values.port("virtual_server_group port", line.arguments().getFirst(), context);
            if (port.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new VsgEntry.AddressRange(range.get().first(), range.get().last(), port));
    }

    private static Optional<VsgEntry> fwmark(ConfNode line, BindContext context) {
        Optional<Word> mark = context.argument(line);
        if (mark.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong value = Values.number("fwmark", mark.get(), context, 1, U32_MAX, OptionalLong.empty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<AddressFamily> family = Optional.empty();
        if (line.arguments().size() > 1) {
            Word f = line.arguments().get(1);
            switch (f.text()) {
                case "inet" -> family = Optional.of(AddressFamily.INET);
                case "inet6" -> family = Optional.of(AddressFamily.INET6);
                default -> context.error(f, "unknown address family '" + f.text() + "' for fwmark; ignoring it");
            }
        }
        return Optional.of(new VsgEntry.Fwmark(value.getAsLong(), family));
    }

    private static Optional<VsgEntry.AddressRange> range(Word word, BindContext context) {
        String text = word.text();
        if (text.indexOf('/') >= 0) {
            Optional<IpPrefix> prefix = Values.prefix("virtual_server_group address", word, context);
            return prefix.map(p -> new VsgEntry.AddressRange(network(p, false), network(p, true), Optional.empty()));
        }
        int dash = text.lastIndexOf('-');
        Optional<IpAddress> first = IpAddress.parse(dash < 0 ? text : text.substring(0, dash));
        if (first.isEmpty()) {
            context.error(word, "'" + text + "' is not an address or range; ignoring it");
            return Optional.empty();
        }
        if (dash < 0) {
            return Optional.of(new VsgEntry.AddressRange(first.get(), first.get(), Optional.empty()));
        }
        boolean v4 = first.get().family() == AddressFamily.INET;
        byte[] bytes = first.get().inet().getAddress();
        String endText = text.substring(dash + 1);
        int end;
        try {
            end = Integer.parseInt(endText, v4 ? 10 : 16);
        } catch (NumberFormatException e) {
            end = -1;
        }
        int start = v4 ? bytes[bytes.length - 1] & 0xff
                : ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
        int max = v4 ? 0xff : 0xffff;
        if (end < start || end > max) {
            context.error(word, "range end '" + endText + "' must be from " + (v4 ? start : Integer.toHexString(start))
                    + " to " + (v4 ? max : "ffff") + "; ignoring this range");
            return Optional.empty();
        }
        if (v4) {
            bytes[bytes.length - 1] = (byte) end;
        } else {
            bytes[bytes.length - 2] = (byte) (end >> 8);
            bytes[bytes.length - 1] = (byte) end;
        }
        return Optional.of(new VsgEntry.AddressRange(first.get(), fromBytes(bytes), Optional.empty()));
    }

    /** The first (or, with {@code last}, the final) address of a prefix. */
    private static IpAddress network(IpPrefix prefix, boolean last) {
        byte[] bytes = prefix.address().inet().getAddress();
        int bits = bytes.length * Byte.SIZE;
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix.length()).subtract(BigInteger.ONE);
        value = last ? value.or(hostMask) : value.andNot(hostMask);
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return fromBytes(out);
    }

    private static IpAddress fromBytes(byte[] bytes) {
        try {
            return new IpAddress(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", e);
        }
    }
}
