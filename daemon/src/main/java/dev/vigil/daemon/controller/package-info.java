/**
 * The health controller: turns checker events into the desired IPVS table and notifications.
 *
 * <p>Layers, as everywhere in Vigil:
 * <ul>
 *   <li>settings records, built by {@code dev.vigil.daemon.adapt} from the configuration:
 *       {@link dev.vigil.daemon.controller.VirtualServerPlan},
 *       {@link dev.vigil.daemon.controller.RealServerPlan},
 *       {@link dev.vigil.daemon.controller.CheckerPlan},
 *       {@link dev.vigil.daemon.controller.SorryServerPlan},
 *       {@link dev.vigil.daemon.controller.ScriptCommand};</li>
 *   <li>the pure core: {@link dev.vigil.daemon.controller.VirtualServerState} (keepalived's
 *       alive / inhibit / quorum / sorry-server / alpha / omega rules, returning
 *       {@link dev.vigil.daemon.controller.ControllerEffect}s) and
 *       {@link dev.vigil.daemon.controller.DesiredTableBuilder};</li>
 *   <li>the runtime: {@link dev.vigil.daemon.controller.HealthController} (checkers, one
 *       controller thread, reconciliation through {@link dev.vigil.ipvs.Reconciler}) and
 *       {@link dev.vigil.daemon.controller.ScriptRunner} (notify scripts, asynchronous, with
 *       timeouts).</li>
 * </ul>
 *
 * <p>Data flow: probe result → {@code CheckRunner} (on the controller thread) →
 * {@code CheckEvent} → {@code VirtualServerState} → effects (alerts to an
 * {@link dev.vigil.daemon.controller.AlertListener}, scripts to the runner) and a coalesced
 * reconciliation of the owned services into the {@link dev.vigil.ipvs.IpvsBackend}.
 * {@link dev.vigil.daemon.controller.ControllerStatus} is published after every change for the
 * control socket and metrics.
 *
 * <p>Reload: {@link dev.vigil.daemon.controller.ServerDiff} (pure) matches old and new virtual
 * and real servers; {@code HealthController.reconfigure} carries the state of unchanged real
 * servers into new {@code VirtualServerState}s, keeps their checkers running, and reconciles
 * the table once.
 */
package dev.vigil.daemon.controller;
