package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Optional;

/** {@code lvs_timeouts [tcp N] [tcpfin N] [udp N]}: IPVS connection timeouts; empty parts keep the kernel's value. */
public record LvsTimeouts(Optional<Duration> tcp, Optional<Duration> tcpFin, Optional<Duration> udp) {
}
