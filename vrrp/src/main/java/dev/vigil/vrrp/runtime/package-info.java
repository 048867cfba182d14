/**
 * The VRRP runtime: runs instances for real by connecting the codec
 * ({@code dev.vigil.vrrp.codec}) and the pure state machine ({@code dev.vigil.vrrp.fsm}) to
 * sockets, timers and address changes. {@link dev.vigil.vrrp.runtime.VrrpRuntime} is the
 * facade, built from {@link dev.vigil.vrrp.runtime.VrrpInstanceSettings} (the runtime's own
 * records, not the config model) and reporting through a
 * {@link dev.vigil.vrrp.runtime.VrrpEventListener}.
 *
 * <p>Threads and data flow (DESIGN.md, Threading):
 * <pre>
 *  raw socket (per interface+family) ─▶ receive thread: VrrpDecoder ─┐
 *  rtnetlink link events ─▶ link-monitor thread ──────────────────────┤ execute()
 *                                                                     ▼
 *                       event loop (one thread, every instance): PacketDispatcher (by VRID)
 *                         ─▶ InstanceDriver: AdvertChecker ─▶ InstanceStateMachine.handle()
 *                         ─▶ effects: AdvertSender, VipApplier, GratuitousAnnouncer, timers
 * </pre>
 * Trackers: each {@link dev.vigil.vrrp.runtime.InstanceDriver} owns its instance's
 * {@code InstanceTracking} (in {@code TrackedObjects}; own trackers plus its sync group's, weights filtered by
 * {@code WeightPolicy}, worked out once by {@link dev.vigil.vrrp.runtime.TrackingPlan}). Link
 * changes go from the link monitor to every driver; {@link dev.vigil.vrrp.runtime.TrackerMonitor}
 * runs {@code vrrp_script}s through the {@link dev.vigil.vrrp.runtime.ScriptExecutor} seam and
 * watches {@code track_file}s through the {@link dev.vigil.vrrp.runtime.FileWatcher} seam, both
 * reporting back on the loop; the drivers turn observations into state-machine inputs.
 *
 * <p>Sync groups: a {@link dev.vigil.vrrp.runtime.SyncGroupDriver} is a driver of drivers. The
 * pure {@code SyncGroup} owns the members' state machines; each member driver keeps its seams,
 * timers, counters and trackers, but sends every input to the group driver, which runs it
 * through {@code SyncGroup.handle} and hands each tagged effect back to the member it belongs
 * to. Group state changes go to {@code VrrpEventListener.groupStateChanged}.
 *
 * <p>Reload: {@link dev.vigil.vrrp.runtime.VrrpRuntime#reconfigure} hands the new settings to
 * the loop, where {@code RuntimeReload} applies the pure {@link dev.vigil.vrrp.runtime.InstanceDiff}
 * to the {@code LiveSet} (the drivers, groups, receive sockets and link states that run now):
 * kept drivers take new settings in place, removed ones resign, new ones start; unchanged
 * scripts, files and sync groups are kept as they are.
 *
 * <p>The loop owns a deadline-sorted timer queue on a monotonic nanosecond clock. All I/O goes
 * through the small seams of {@link dev.vigil.vrrp.runtime.VrrpIo}, whose real implementation
 * is {@link dev.vigil.vrrp.runtime.LinuxVrrpIo}; tests substitute fakes. Refused packets are
 * counted per reason, logged once per reason and never thrown.
 */
package dev.vigil.vrrp.runtime;
