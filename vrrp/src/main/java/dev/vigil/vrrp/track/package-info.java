/**
 * Pure tracker models: they turn observations (interface up/down, a script's exit, a file's
 * number) into priority changes and FAULT for the VRRP state machine, with keepalived's
 * semantics (reference §1.1 track_interface / track_script / track_file; vrrp_track.c,
 * trackers/track_file.c). No process, file, socket or clock is touched here.
 *
 * <p>Data flow, all on the VRRP event loop: the runtime's link watcher calls
 * {@link dev.vigil.vrrp.track.InstanceTracking#interfaceChanged}; the script runner turns each
 * run into a {@link dev.vigil.vrrp.track.ScriptOutcome}, feeds the script's shared
 * {@link dev.vigil.vrrp.track.ScriptHealth} and, when its status changes, calls
 * {@link dev.vigil.vrrp.track.InstanceTracking#scriptChanged} on every instance tracking it; the
 * file watcher parses contents with {@link dev.vigil.common.text.FileValue} and calls
 * {@link dev.vigil.vrrp.track.InstanceTracking#fileChanged}. The returned
 * {@link dev.vigil.vrrp.fsm.Input}s go to the instance's state machine (or its sync group).
 *
 * <p>Configuration rules that neutralise weights (owners, sync groups) live in
 * {@link dev.vigil.vrrp.track.WeightPolicy}; a sync group's own trackers are simply added to
 * every member's {@link dev.vigil.vrrp.track.TrackingSettings}, as keepalived does.
 */
package dev.vigil.vrrp.track;
