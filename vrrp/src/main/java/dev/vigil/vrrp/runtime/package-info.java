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
 * The loop owns a deadline-sorted timer queue on a monotonic nanosecond clock. All I/O goes
 * through the small seams of {@link dev.vigil.vrrp.runtime.VrrpIo}, whose real implementation
 * is {@link dev.vigil.vrrp.runtime.LinuxVrrpIo}; tests substitute fakes. Refused packets are
 * counted per reason, logged once per reason and never thrown.
 */
package dev.vigil.vrrp.runtime;
