package dev.vigil.conf.model;

import java.util.Locale;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The IPVS schedulers keepalived accepts for {@code lb_algo} / {@code lvs_sched} ({@code check_parser.c}). */
public enum LvsScheduler {
    RR, WRR, LC, WLC, LBLC, SH, MH, DH, FO, OVF, LBLCR, SED, NQ, TWOS;

    /** The kernel module suffix, as written in the config ({@code ip_vs_wlc} → {@code wlc}). */
    @JsonValue
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LvsScheduler> fromKeyword(String word) {
        for (LvsScheduler s : values()) {
            if (s.keyword().equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** For JSON/YAML input: the keyword as written in keepalived.conf. */
    @JsonCreator
    public static LvsScheduler of(String word) {
        return fromKeyword(word).orElseThrow(() -> new IllegalArgumentException("unknown LvsScheduler " + word));
    }
}
