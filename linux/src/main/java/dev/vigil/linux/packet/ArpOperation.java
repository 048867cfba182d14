package dev.vigil.linux.packet;

/** The two ARP opcodes a gratuitous ARP can use (RFC 826; RFC 5227 §3 on gratuitous ARP). */
public enum ArpOperation {
    /** ARPOP_REQUEST: keepalived's default form. */
    REQUEST(1),
    /** ARPOP_REPLY: keepalived's {@code garp_reply} form (some switches only learn from replies). */
    REPLY(2);

    private final int code;

    ArpOperation(int code) {
        this.code = code;
    }

    /** The on-wire opcode. */
    public int code() {
        return code;
    }
}
