package dev.vigil.ipvs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one virtual service: what {@code IPVS_CMD_NEW_SERVICE} /
 * {@code SET_SERVICE} carry besides the key. Two services with equal settings need no edit.
 *
 * @param scheduler      scheduler name as the kernel knows it ("wlc", "rr", "mh", ...)
 * @param schedulerFlags IP_VS_SVC_F_SCHED1..3
 * @param onePacket      IP_VS_SVC_F_ONEPACKET (ipvsadm -o; UDP or fwmark only)
 * @param persistence    present when IP_VS_SVC_F_PERSISTENT is set
 * @param persistenceEngine persistence engine name (ipvsadm --pe, e.g. "sip"), if any
 */
public record VirtualService(ServiceKey key, String scheduler, Set<SchedulerFlag> schedulerFlags,
                             boolean onePacket, Optional<Persistence> persistence,
                             Optional<String> persistenceEngine) {

    /** IP_VS_SCHEDNAME_MAXLEN (16) includes the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    public VirtualService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        schedulerFlags = schedulerFlags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(schedulerFlags));
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
    }

    /** A service with no flags, no persistence. */
    public static VirtualService of(ServiceKey key, String scheduler) {
        return new VirtualService(key, scheduler, Set.of(), false, Optional.empty(), Optional.empty());
    }

    public VirtualService withScheduler(String name, Set<SchedulerFlag> flags) {
        return new VirtualService(key, name, flags, onePacket, persistence, persistenceEngine);
    }

    public VirtualService withPersistence(Persistence p) {
        return new VirtualService(key, scheduler, schedulerFlags, onePacket, Optional.of(p), persistenceEngine);
    }

    public VirtualService withOnePacket(boolean on) {
        return new VirtualService(key, scheduler, schedulerFlags, on, persistence, persistenceEngine);
    }

    public VirtualService withPersistenceEngine(String name) {
        return new VirtualService(key, scheduler, schedulerFlags, onePacket, persistence, Optional.of(name));
    }

    public boolean has(SchedulerFlag flag) {
        return schedulerFlags.contains(flag);
    }

    /** The service flags word as the kernel reports it (without the internal HASHED bit). */
    public int flagBits() {
        int bits = persistence.isPresent() ? Flags.PERSISTENT : 0;
        bits |= onePacket ? Flags.ONEPACKET : 0;
        for (SchedulerFlag f : schedulerFlags) {
            bits |= f.bit();
        }
        return bits;
    }

    /** Service flag bits (IP_VS_SVC_F_*, uapi ip_vs.h). */
    public static final class Flags {
        public static final int PERSISTENT = 0x0001;
        public static final int HASHED = 0x0002;
        public static final int ONEPACKET = 0x0004;

        private Flags() {
        }
    }
}
