/**
 * Running the daemon: {@link dev.vigil.daemon.run.Daemon} assembles the configuration
 * adapters, the VRRP runtime, the health controller and its IPVS backend
 * ({@link dev.vigil.daemon.run.BackendFactory}), alerts, metrics, the control socket and the
 * signal handlers, and stops them in order.
 *
 * <p>Data flow: config → {@link dev.vigil.daemon.adapt.VrrpAdapter} /
 * {@link dev.vigil.daemon.adapt.ControllerPlans} → engines; VRRP events →
 * {@code VrrpNotifier} (logs, metrics, notify scripts, FIFO, mail); health events →
 * {@code AlertChannels}; control commands, dumps and {@code /status} read the engines through
 * {@link dev.vigil.daemon.run.DaemonView}.
 *
 * <p>Threads: the thread that calls {@link dev.vigil.daemon.run.Daemon#start} (so the network
 * namespace of the VRRP sockets is that thread's) and later {@code awaitStop}; the engines'
 * own threads; control connections on virtual threads; signals on "vigil-signals", which only
 * requests the stop.
 */
package dev.vigil.daemon.run;
