package dev.vigil.conf.model;

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
}
