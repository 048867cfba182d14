package dev.vigil.conf.bind;

import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.TrackedFile;
import dev.vigil.conf.model.TrackedInterface;
import dev.vigil.conf.model.TrackedScript;
import dev.vigil.conf.model.UnicastPeer;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses the entry lines of {@code track_interface}, {@code track_script}, {@code track_file}
 * and {@code unicast_peer} ({@code vrrp_track.c}, {@code vrrp_parser.c}).
 */
final class TrackEntries {

    /**
     * Tracker weights are limited to ±253 so that a tracker can never move a priority
     * across the owner value 255 or down to 0 (keepalived's vrrp_track.c).
     */
    static final int MAX_WEIGHT = 253;
    /** keepalived still reads ±254 (old limit) and clamps it to ±253 with an error. */
    private static final int OLD_MAX_WEIGHT = 254;
    /** IP TTL is 8 bits (RFC 791). */
    private static final int MAX_TTL = 255;

    private TrackEntries() {
    }

    static Optional<TrackedInterface> trackInterface(ConfNode line, BindContext context) {
        if (line.name().length() > AddressEntries.MAX_IFNAME) {
            context.error(line.keyword(), "interface name '" + line.name() + "' is longer than "
                    + AddressEntries.MAX_IFNAME + " characters; ignoring it");
            return Optional.empty();
        }
        Weight weight = weight(line, context, false);
        return weight.valid ? Optional.of(new TrackedInterface(line.name(), weight.value.orElse(0), weight.reverse))
                : Optional.empty();
    }

    static Optional<TrackedScript> trackScript(ConfNode line, BindContext context) {
        Weight weight = weight(line, context, true);
        return weight.valid ? Optional.of(new TrackedScript(line.name(), weight.value, weight.reverse))
                : Optional.empty();
    }

    static Optional<TrackedFile> trackFile(ConfNode line, BindContext context) {
        Weight weight = weight(line, context, false);
        return weight.valid ? Optional.of(new TrackedFile(line.name(), weight.value, weight.reverse))
                : Optional.empty();
    }

    /** {@code ADDRESS [min_ttl N] [max_ttl N]}. */
    static Optional<UnicastPeer> unicastPeer(ConfNode line, BindContext context) {
        Optional<IpAddress> address = Values.address("unicast_peer", line.keyword(), context);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> minTtl = Optional.empty();
        Optional<Integer> maxTtl = Optional.empty();
        var args = line.arguments();
        for (int i = 0; i < args.size(); i += 2) {
            Word option = args.get(i);
            if (!option.text().equals("min_ttl") && !option.text().equals("max_ttl") || i + 1 >= args.size()) {
                context.error(option, "unknown unicast_peer option '" + option.text() + "'; ignoring it");
                continue;
            }
            OptionalLong ttl = Values.number(option.text(), args.get(i + 1), context, 0, MAX_TTL, OptionalLong.empty());
            if (ttl.isPresent() && option.text().equals("min_ttl")) {
                minTtl = Optional.of((int) ttl.getAsLong());
            } else if (ttl.isPresent()) {
                maxTtl = Optional.of((int) ttl.getAsLong());
            }
        }
        return Optional.of(new UnicastPeer(address.get(), minTtl, maxTtl));
    }

    /** The optional {@code weight N [reverse|noreverse]} after a tracked object's name. */
    private record Weight(boolean valid, Optional<Integer> value, boolean reverse) {
    }

    private static Weight weight(ConfNode line, BindContext context, boolean allowNoReverse) {
        var args = line.arguments();
        if (args.isEmpty()) {
            return new Weight(true, Optional.empty(), false);
        }
        if (!args.getFirst().text().equals("weight")) {
            context.error(args.getFirst(), "unknown option '" + args.getFirst().text() + "' for tracked "
                    + line.name() + "; ignoring this tracker");
            return new Weight(false, Optional.empty(), false);
        }
        if (args.size() < 2) {
            context.error(args.getFirst(), "weight without a value for " + line.name() + "; ignoring this tracker");
            return new Weight(false, Optional.empty(), false);
        }
        Word value = args.get(1);
        int weight = 0;
        OptionalLong parsed = Values.parseSigned(value.text());
        if (parsed.isEmpty() || Math.abs(parsed.getAsLong()) > OLD_MAX_WEIGHT) {
            context.error(value, "weight " + value.text() + " for " + line.name() + " is outside -" + MAX_WEIGHT
                    + ".." + MAX_WEIGHT + "; using 0");
        } else if (Math.abs(parsed.getAsLong()) == OLD_MAX_WEIGHT) {
            weight = parsed.getAsLong() > 0 ? MAX_WEIGHT : -MAX_WEIGHT;
            context.error(value, "weight " + value.text() + " for " + line.name() + " is outside -" + MAX_WEIGHT
                    + ".." + MAX_WEIGHT + "; using " + weight);
        } else {
            weight = (int) parsed.getAsLong();
        }
        boolean reverse = false;
        if (args.size() > 2) {
            Word option = args.get(2);
            if (option.text().equals("reverse")) {
                reverse = true;
            } else if (!(allowNoReverse && option.text().equals("noreverse"))) {
                context.error(option, "unknown weight option '" + option.text() + "' for " + line.name()
                        + "; ignoring it");
            }
        }
        return new Weight(true, Optional.of(weight), reverse);
    }
}
