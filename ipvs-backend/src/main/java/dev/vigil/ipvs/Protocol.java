package dev.vigil.ipvs;

import java.util.Optional;

/** Transport protocols of IPVS virtual services, with their IP protocol numbers. */
public enum Protocol {
    TCP(6, "TCP", "-t"),
    UDP(17, "UDP", "-u"),
    SCTP(132, "SCTP", "--sctp-service");

    private final int number;
    private final String label;
    private final String option;

    Protocol(int number, String label, String option) {
        this.number = number;
        this.label = label;
        this.option = option;
    }

    /** IPPROTO_* number (IPVS_SVC_ATTR_PROTOCOL). */
    public int number() {
        return number;
    }

    /** The name ipvsadm prints in list mode ("TCP", "UDP", "SCTP"). */
    public String label() {
        return label;
    }

    /** The ipvsadm switch naming a service of this protocol in rule (-S) mode. */
    public String option() {
        return option;
    }

    public static Optional<Protocol> fromNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
