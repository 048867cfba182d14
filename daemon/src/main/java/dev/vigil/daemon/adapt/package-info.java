/**
 * Adapters from the configuration model to the engines' own settings: with the CLI and the
 * daemon's assembly ({@code dev.vigil.daemon.run}, which reads {@code global_defs} for alerts
 * and scripts), the only daemon code that reads {@code dev.vigil.conf.model}. Engines never
 * import the configuration (DESIGN.md).
 *
 * <p>{@link dev.vigil.daemon.adapt.VrrpAdapter} turns each {@code vrrp_instance} into the VRRP
 * runtime's {@link dev.vigil.vrrp.runtime.VrrpInstanceSettings} and a
 * {@link dev.vigil.daemon.adapt.VrrpNotifyPlan}, and (through {@code VrrpTracking}) the
 * {@code vrrp_script}s, {@code track_file}s, trackers and {@code vrrp_sync_group}s into the
 * runtime's {@link dev.vigil.vrrp.runtime.RuntimeDefinitions} and
 * {@link dev.vigil.vrrp.track.TrackerSpec}s; {@link dev.vigil.daemon.adapt.DaemonScripts}
 * adapts {@code startup_script} / {@code shutdown_script}.
 *
 * <p>{@link dev.vigil.daemon.adapt.ControllerPlans} turns a
 * {@link dev.vigil.conf.model.KeepalivedConfig} into the health controller's
 * {@link dev.vigil.daemon.controller.VirtualServerPlan}s, using
 * {@link dev.vigil.daemon.adapt.IpvsAdapter} (services, destinations, virtual_server_group
 * expansion) and {@link dev.vigil.daemon.adapt.CheckSpecAdapter} (checkers).
 *
 * <p>Every script goes through one {@link dev.vigil.daemon.adapt.ScriptPolicy} (keepalived's
 * account and {@code enable_script_security} rules); the adapters leave refused scripts out, and
 * {@link dev.vigil.daemon.adapt.ScriptAudit} lists every script with its verdict, which
 * {@link dev.vigil.daemon.adapt.ScriptReport} turns into positioned diagnostics for
 * {@code vigil -t} and the daemon's log. Everything here is pure apart from the policy's file
 * and account look-ups (injected): no clock; what cannot be adapted is returned as
 * {@link dev.vigil.daemon.adapt.AdaptIssue}s for the daemon to log.
 */
package dev.vigil.daemon.adapt;
