package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** IPVS service flags set by bare keywords in a virtual_server ({@code IP_VS_SVC_F_*}). */
public enum SchedulerFlag {
    HASHED("hashed"),
    ONE_PACKET("ops"),
    FLAG_1("flag-1"),
    FLAG_2("flag-2"),
    FLAG_3("flag-3"),
    SH_PORT("sh-port"),
    SH_FALLBACK("sh-fallback"),
    MH_PORT("mh-port"),
    MH_FALLBACK("mh-fallback");

    private final String keyword;

    SchedulerFlag(String keyword) {
        this.keyword = keyword;
    }

    @JsonValue
    public String keyword() {
        return keyword;
    }

    public static Optional<SchedulerFlag> fromKeyword(String word) {
        for (SchedulerFlag f : values()) {
            if (f.keyword.equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** For JSON/YAML input: the keyword as written in keepalived.conf. */
    @JsonCreator
    public static SchedulerFlag of(String word) {
        return fromKeyword(word).orElseThrow(() -> new IllegalArgumentException("unknown SchedulerFlag " + word));
    }
}
