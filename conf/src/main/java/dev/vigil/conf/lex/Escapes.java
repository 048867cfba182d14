package dev.vigil.conf.lex;

/**
 * Decodes one backslash escape the way keepalived's {@code alloc_strvec_quoted_escaped()}
 * does (lib/parser.c; keepalived.conf(5) "Quoted strings"): {@code \a \b \E \f \n \r \t \v},
 * {@code \xX} or {@code \xXX} (one or two hex digits), {@code \n}, {@code \nn} or {@code \nnn}
 * (one to three octal digits, kept to 8 bits as keepalived's {@code char} does),
 * {@code \cC} (the control character of C, that is C &amp; 0x1f), and {@code \C} for any
 * other C is C itself.
 */
final class Escapes {

    /** Low 5 bits: what {@code \cC} keeps of C. */
    private static final int CONTROL_MASK = 0x1f;
    /** keepalived builds escapes in a C {@code char}: 8 bits. */
    private static final int BYTE_MASK = 0xff;
    private static final char ESCAPE_CHAR = 0x1b;

    /** A decoded escape: the character and how many source characters it used after the backslash. */
    record Decoded(char value, int length) {
    }

    private Escapes() {
    }

    /** Decodes the escape whose backslash is at {@code backslash}; a character must follow it. */
    static Decoded decode(CharSequence s, int backslash) {
        int i = backslash + 1;
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < s.length() && hexValue(s.charAt(i + 1)) >= 0) {
            int value = hexValue(s.charAt(i + 1));
            int used = 2;
            if (i + 2 < s.length() && hexValue(s.charAt(i + 2)) >= 0) {
                value = value * 16 + hexValue(s.charAt(i + 2));
                used = 3;
            }
            return new Decoded((char) value, used);
        }
        if (c == 'c' && i + 1 < s.length()) {
            return new Decoded((char) (s.charAt(i + 1) & CONTROL_MASK), 2);
        }
        if (c >= '0' && c <= '7') {
            int value = c - '0';
            int used = 1;
            while (used < 3 && i + used < s.length() && isOctal(s.charAt(i + used))) {
                value = value * 8 + (s.charAt(i + used) - '0');
                used++;
            }
            return new Decoded((char) (value & BYTE_MASK), used);
        }
        return new Decoded(simple(c), 1);
    }

    private static char simple(char c) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'E' -> ESCAPE_CHAR;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0b;
            default -> c;
        };
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
