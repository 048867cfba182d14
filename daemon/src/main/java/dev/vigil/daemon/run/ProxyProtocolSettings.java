package dev.vigil.daemon.run;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.ProxyProtocolVersion;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.daemon.adapt.AdaptIssue;
import dev.vigil.daemon.adapt.IpvsAdapter;
import dev.vigil.ipvs.IpvsBackend;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.userspace.ProxyProtocol;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's {@code proxy_protocol v1|v2} of each TCP virtual server, handed to the userspace
 * forwarder (a setting beside its IPVS table). Every TCP service of the configuration is set,
 * with or without a version, so applying a reloaded configuration also clears a version that
 * was removed. The kernel's IPVS has no PROXY protocol: there each virtual server that asks
 * for it is reported once and served without it.
 */
final class ProxyProtocolSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolSettings.class);

    private ProxyProtocolSettings() {
    }

    /** Applies the configuration's settings to {@code backend}; returns the problems it logged. */
    static List<String> apply(KeepalivedConfig config, IpvsBackend backend) {
        List<String> problems = new ArrayList<>();
        Map<String, VirtualServerGroup> groups = config.virtualServerGroups().stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, Function.identity(), (a, b) -> a));
        for (VirtualServer vs : config.virtualServers()) {
            String subject = "virtual_server " + label(vs);
            List<ServiceKey> keys = IpvsAdapter.serviceKeys(vs, groups, subject, new ArrayList<AdaptIssue>());
            Optional<ProxyProtocol> version = vs.proxyProtocol().map(ProxyProtocolSettings::version);
            if (!(backend instanceof UserspaceIpvsBackend forwarder)) {
                version.ifPresent(v -> problems.add(subject + ": proxy_protocol needs the userspace backend"
                        + " (--backend userspace); the kernel's IPVS sends no PROXY header"));
                continue;
            }
            for (ServiceKey key : keys) {
                if (key instanceof ServiceKey.Inet inet && inet.protocol() == Protocol.TCP) {
                    IpvsResult result = forwarder.setProxyProtocol(key, version);
                    if (!result.isOk()) {
                        problems.add(subject + ": proxy_protocol: " + result);
                    }
                }
            }
        }
        problems.forEach(LOG::warn);
        return List.copyOf(problems);
    }

    private static ProxyProtocol version(ProxyProtocolVersion version) {
        return switch (version) {
            case V1 -> ProxyProtocol.V1;
            case V2 -> ProxyProtocol.V2;
        };
    }

    private static String label(VirtualServer vs) {
        return switch (vs.key()) {
            case dev.vigil.conf.model.ServiceKey.Address a -> a.address() + a.port().map(p -> " " + p).orElse("");
            case dev.vigil.conf.model.ServiceKey.Fwmark f -> "fwmark " + f.mark();
            case dev.vigil.conf.model.ServiceKey.Group g -> "group " + g.name();
        };
    }
}
