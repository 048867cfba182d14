package dev.vigil.conf.bind;

import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The arguments of {@code use_vmac [NAME] [MAC] [netlink_notify_msg] [group G]}, read as
 * keepalived's {@code vrrp_vmac_handler} reads them: a word with a ':' is the MAC (5 octets:
 * the VRID is the sixth; multicast MACs and the RFC 5798 ranges 00:00:5e:00:01/02 are refused),
 * {@code name X} or a bare word is the interface name, {@code group G} a numeric interface group.
 *
 * @param name     NAME, when given
 * @param macText  the MAC as written, lower case, 5 or 6 octets
 * @param group    the interface group
 * @param netlinkNotify {@code netlink_notify_msg}
 */
record VmacArguments(Optional<String> name, Optional<String> macText, Optional<Integer> group, boolean netlinkNotify) {

    private static final int MAX_NAME = 15;

    static void handle(ConfNode line, BlockState block, BindContext context) {
        Optional<String> name = Optional.empty();
        Optional<String> mac = Optional.empty();
        Optional<Integer> group = Optional.empty();
        boolean notify = false;
        var args = line.arguments();
        for (int i = 0; i < args.size(); i++) {
            Word word = args.get(i);
            String text = word.text();
            if (text.contains(":")) {
                mac = mac(word, mac, context);
            } else if (text.equals("netlink_notify_msg")) {
                notify = true;
            } else if (text.equals("group")) {
                if (i + 1 >= args.size()) {
                    context.error(word, "use_vmac group needs a number; ignoring it");
                } else {
                    group = group(args.get(++i), context);
                }
            } else {
                if (text.equals("name") && i + 1 < args.size()) {
                    word = args.get(++i);
                    text = word.text();
                }
                if (name.isPresent()) {
                    context.error(word, "use_vmac interface name already given; ignoring " + text);
                } else if (text.isEmpty() || text.length() > MAX_NAME || text.contains("/") || text.equals(".")
                        || text.equals("..")) {
                    context.error(word, "use_vmac interface name '" + text + "' must be 1.." + MAX_NAME
                            + " characters without '/'; ignoring it");
                } else {
                    name = Optional.of(text);
                }
            }
        }
        block.set("use_vmac", new VmacArguments(name, mac, group, notify), line.position());
    }

    /** The MAC when {@code word} is a valid one and none was given before; the earlier one otherwise. */
    private static Optional<String> mac(Word word, Optional<String> earlier, BindContext context) {
        if (earlier.isPresent()) {
            context.error(word, "use_vmac MAC address already given; ignoring " + word.text());
            return earlier;
        }
        String text = word.text().toLowerCase(Locale.ROOT);
        String[] octets = text.endsWith(":") ? text.substring(0, text.length() - 1).split(":", -1) : text.split(":", -1);
        if (octets.length < 5 || octets.length > 6 || !allHex(octets)) {
            context.error(word, "use_vmac MAC address " + word.text() + " is not 5 or 6 hex octets; ignoring it");
            return earlier;
        }
        int first = Integer.parseInt(octets[0], 16);
        if ((first & 1) != 0) {
            context.error(word, "use_vmac MAC address " + word.text() + " is a multicast address; ignoring it");
            return earlier;
        }
        String norm = String.join(":", Arrays.stream(octets).map(VmacArguments::twoDigits).toList());
        if (norm.startsWith("00:00:5e:00:01") || norm.startsWith("00:00:5e:00:02")) {
            context.error(word, "use_vmac MAC address " + word.text() + " is in the RFC 5798 virtual router range;"
                    + " ignoring it (leave it out to get that address)");
            return earlier;
        }
        return Optional.of(norm);
    }

    private static Optional<Integer> group(Word word, BindContext context) {
        try {
            long value = Long.parseLong(word.text());
            if (value >= 0 && value <= 0xFFFF_FFFFL) {
                return Optional.of((int) value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        context.error(word, "use_vmac group " + word.text() + " is not a number 0..4294967295 (group names from"
                + " /etc/iproute2/group are not read); ignoring it");
        return Optional.empty();
    }

    private static boolean allHex(String[] octets) {
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 2 || !octet.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static String twoDigits(String octet) {
        return octet.length() == 1 ? "0" + octet : octet;
    }

    /** The full MAC: a 5-octet one gets the VRID as its sixth octet (keepalived VRRP_VMAC_MAC_USE_VRID). */
    Optional<String> mac(int vrid) {
        return macText.map(m -> m.split(":").length == 5 ? m + ":" + String.format("%02x", vrid) : m);
    }
}
