package dev.vigil.ipvs.listing;

/** The per-destination column sets of {@code ipvsadm -L}. */
public enum ListFormat {
    /** Default: Forward Weight ActiveConn InActConn. */
    PLAIN,
    /** {@code --stats}: Conns InPkts OutPkts InBytes OutBytes. */
    STATS,
    /** {@code --rate}: CPS InPPS OutPPS InBPS OutBPS. */
    RATE,
    /** {@code --thresholds}: Uthreshold Lthreshold ActiveConn InActConn. */
    THRESHOLDS,
    /** {@code --persistent-conn}: Weight PersistConn ActiveConn InActConn. */
    PERSISTENT_CONN
}
