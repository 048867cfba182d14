package dev.vigil.healthcheck.probe;

import io.netty.channel.epoll.Epoll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** The transports a probe test runs on: NIO always, epoll where the machine has it. */
final class Transports {

    private Transports() {
    }

    static List<Arguments> available() {
        List<Arguments> transports = new ArrayList<>();
        transports.add(Arguments.of("nio", false));
        if (Epoll.isAvailable()) {
            transports.add(Arguments.of("epoll", true));
        }
        return transports;
    }
}
