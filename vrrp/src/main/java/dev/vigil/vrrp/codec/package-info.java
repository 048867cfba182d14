/**
 * The VRRP advertisement codec: pure functions from bytes to values and back, no sockets,
 * no clock, no instance state.
 *
 * <p>Sending: {@link dev.vigil.vrrp.codec.Advertisement} →
 * {@link dev.vigil.vrrp.codec.VrrpEncoder} (the VRRP message, checksum per
 * {@link dev.vigil.vrrp.codec.ChecksumRule}) → {@link dev.vigil.vrrp.codec.Ipv4PacketEncoder}
 * (the IPv4 header keepalived builds with {@code IP_HDRINCL}); IPv6 sends the message alone and
 * lets the kernel fill the checksum.
 *
 * <p>Receiving: bytes + {@link dev.vigil.vrrp.codec.RxMeta} →
 * {@link dev.vigil.vrrp.codec.VrrpDecoder} → {@link dev.vigil.vrrp.codec.DecodeResult}
 * (an advertisement, or a typed {@link dev.vigil.vrrp.codec.RejectReason}); the runtime then
 * dispatches by VRID and asks the instance's {@link dev.vigil.vrrp.codec.AdvertChecker} for a
 * {@link dev.vigil.vrrp.codec.CheckVerdict}. Only accepted advertisements reach the state
 * machine ({@code dev.vigil.vrrp.fsm}).
 *
 * <p>The protocol is RFC 3768 (VRRPv2) and RFC 5798 (VRRPv3); where they leave room, or where
 * keepalived departs from them, keepalived's behaviour (shared/reference/keepalived-behaviour.md
 * §2) decides. Every class here is immutable and safe to share between threads.
 */
package dev.vigil.vrrp.codec;
