package dev.vigil.ipvs;

/**
 * The three scheduler-private service flags ({@code IP_VS_SVC_F_SCHED1..3}, uapi ip_vs.h).
 * sh and mh give the first two a meaning (fallback, port); ipvsadm names them accordingly.
 */
public enum SchedulerFlag {
    /** IP_VS_SVC_F_SCHED1 = 0x0008: sh-fallback / mh-fallback / flag-1. */
    FLAG_1(0x0008),
    /** IP_VS_SVC_F_SCHED2 = 0x0010: sh-port / mh-port / flag-2. */
    FLAG_2(0x0010),
    /** IP_VS_SVC_F_SCHED3 = 0x0020: flag-3. */
    FLAG_3(0x0020);

    private final int bit;

    SchedulerFlag(int bit) {
        this.bit = bit;
    }

    /** The bit in the service flags word. */
    public int bit() {
        return bit;
    }

    /** The name ipvsadm prints and accepts for this flag under {@code scheduler}. */
    public String nameFor(String scheduler) {
        int index = ordinal() + 1;
        boolean named = index <= 2 && ("sh".equals(scheduler) || "mh".equals(scheduler));
        if (!named) {
            return "flag-" + index;
        }
        return scheduler + (index == 1 ? "-fallback" : "-port");
    }
}
