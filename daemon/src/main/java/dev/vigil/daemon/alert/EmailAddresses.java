package dev.vigil.daemon.alert;

/**
 * keepalived's handling of the addresses in {@code notification_email} and
 * {@code notification_email_from}. Pure.
 */
public final class EmailAddresses {

    /** RFC 5322 section 3.2.3 "specials" that keepalived looks for in a display name. */
    private static final String SPECIALS = "()<>[]:;@\\,.";

    private EmailAddresses() {
    }

    /**
     * The address as keepalived stores it when reading the config ({@code format_email_addr()},
     * core/global_data.c): an address of the form {@code Display Name <a@b>} whose display name
     * contains an RFC 5322 special gets the name quoted, with '"' and '\' escaped
     * ({@code Ops, Paris <ops@x>} becomes {@code "Ops, Paris" <ops@x>}); anything else is kept
     * verbatim. The daemon applies this when building {@link SmtpSettings}; the result is what
     * the From and To headers carry.
     */
    public static String keepalivedForm(String address) {
        int length = address.length();
        if (length == 0 || address.charAt(length - 1) != '>') {
            return address;
        }
        int open = address.lastIndexOf('<');
        if (open < 0) {
            return address;
        }
        int nameEnd = open - 1;
        while (nameEnd > 0 && (address.charAt(nameEnd) == ' ' || address.charAt(nameEnd) == '\t')) {
            nameEnd--;
        }
        int special = firstSpecial(address);
        if (special < 0 || special > nameEnd) {
            return address;
        }
        StringBuilder quoted = new StringBuilder(length + 4).append('"');
        for (int i = 0; i <= nameEnd; i++) {
            char c = address.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').append(address, nameEnd + 1, length).toString();
    }

    /**
     * The {@code <path>} keepalived puts after {@code MAIL FROM:} and {@code RCPT TO:}
     * (core/smtp.c, {@code mail_cmd()} / {@code rcpt_cmd()}): when the address ends in '>' and
     * has a '<', the text from the last '<' on; otherwise the address between angle brackets.
     */
    public static String smtpPath(String address) {
        int open = address.lastIndexOf('<');
        if (address.endsWith(">") && open >= 0) {
            return address.substring(open);
        }
        return "<" + address + ">";
    }

    private static int firstSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (SPECIALS.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
