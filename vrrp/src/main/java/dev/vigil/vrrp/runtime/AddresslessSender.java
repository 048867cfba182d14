package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The sender of an instance whose interface had no address to send from when it was made (no
 * IPv4 address, or no link-local IPv6 one): it never sends (the instance is in FAULT until an
 * address comes, and then gets a real sender, {@link InstanceDriver#renew}); its source is
 * the unspecified address, the lowest on equal priority.
 */
final class AddresslessSender implements AdvertSender {

    private static final InetAddress NONE_V4 = Inet4Address.ofLiteral("0.0.0.0");
    private static final InetAddress NONE_V6 = Inet6Address.ofLiteral("::");

    private final String interfaceName;
    private final AddressFamily family;

    AddresslessSender(String interfaceName, AddressFamily family) {
        this.interfaceName = interfaceName;
        this.family = family;
    }

    /**
     * The instance's real sender, or an addressless one when its source is its interface's
     * address and the interface has none (EADDRNOTAVAIL); other failures are thrown.
     */
    static AdvertSender senderFor(VrrpIo io, VrrpInstanceSettings instance) throws NativeException {
        try {
            return io.advertSender(instance);
        } catch (NativeException e) {
            if (e.is(Errno.EADDRNOTAVAIL) && instance.sourceFromInterface()) {
                return new AddresslessSender(instance.interfaceName(), instance.family());
            }
            throw e;
        }
    }

    @Override
    public void send(Advertisement advert) throws NativeException {
        throw noAddress();
    }

    @Override
    public void sendWithIpsecAh(Advertisement advert, AuthData key, long sequence) throws NativeException {
        throw noAddress();
    }

    @Override
    public InetAddress sourceAddress() {
        return family == AddressFamily.IPV4 ? NONE_V4 : NONE_V6;
    }

    private NativeException noAddress() {
        return new NativeException("send an advert on " + interfaceName, Errno.EADDRNOTAVAIL.code(), null,
                "no " + describe(family) + " on " + interfaceName + " to send from");
    }

    /** What an instance of {@code family} sends from, in words. */
    static String describe(AddressFamily family) {
        return family == AddressFamily.IPV4 ? "IPv4 address" : "link-local IPv6 address";
    }
}
