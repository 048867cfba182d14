package dev.vigil.vrrp.runtime;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The sender of an IPv4 instance whose interface had no address when it was made: it never
 * sends (the instance is in FAULT until an address comes, and then gets a real sender,
 * {@link InstanceDriver#renew}); its source is 0.0.0.0, the lowest address on equal priority.
 * An instance given one is in FAULT until it gets a real one.
 */
final class AddresslessSender implements AdvertSender {

    private static final InetAddress NONE = Inet4Address.ofLiteral("0.0.0.0");

    private final String interfaceName;

    AddresslessSender(String interfaceName) {
        this.interfaceName = interfaceName;
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
                return new AddresslessSender(instance.interfaceName());
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
        return NONE;
    }

    private NativeException noAddress() {
        return new NativeException("send an advert on " + interfaceName, Errno.EADDRNOTAVAIL.code(), null,
                "no IPv4 address on " + interfaceName + " to send from");
    }
}
