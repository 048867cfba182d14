package dev.vigil.healthcheck.genhash;

/**
 * keepalived's {@code dump_buffer()} (lib/utils.c) format: 16 bytes a line, a decimal
 * offset of four digits, each byte as " xx", " -" after the eighth, then three spaces and the
 * printable characters ('.' for others). Pure.
 */
final class HexDump {

    private static final int PER_LINE = 16;
    private static final int HALF_LINE = 8;
    /** dump_buffer prints the offset modulo 0x10000. */
    private static final int OFFSET_MASK = 0xffff;

    private HexDump() {
    }

    static String format(byte[] data) {
        StringBuilder out = new StringBuilder();
        int padded = (data.length + PER_LINE - 1) / PER_LINE * PER_LINE;
        for (int i = 0; i < padded; i++) {
            if (i % PER_LINE == 0) {
                out.append(String.format("%04d ", i & OFFSET_MASK));
            }
            out.append(i < data.length ? String.format(" %02x", data[i] & 0xff) : "   ");
            if ((i + 1) % HALF_LINE == 0) {
                if ((i + 1) % PER_LINE != 0) {
                    out.append(" -");
                } else {
                    out.append("   ");
                    for (int j = i - (PER_LINE - 1); j <= i; j++) {
                        out.append(j < data.length ? printable(data[j]) : ' ');
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static char printable(byte b) {
        int c = b & 0xff;
        return c >= 0x20 && c <= 0x7e ? (char) c : '.';
    }
}
