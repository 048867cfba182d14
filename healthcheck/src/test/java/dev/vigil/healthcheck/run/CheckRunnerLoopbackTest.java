package dev.vigil.healthcheck.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.common.time.ExecutorScheduler;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.Probe;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.healthcheck.state.CheckPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A TCP_CHECK runner on the real event loop against a loopback listener that comes and goes. */
class CheckRunnerLoopbackTest {

    @Test
    void reportsDownWhenTheListenerGoesAndUpWhenItReturns() throws IOException {
        List<CheckEvent> events = new CopyOnWriteArrayList<>();
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
        CheckTiming timing = CheckTiming.resolve(CheckKind.TCP_CHECK, Optional.of(Duration.ofMillis(100)),
                OptionalInt.of(1), Optional.of(Duration.ofMillis(50)), Optional.of(Duration.ZERO), false, false);
        CheckSpec spec = new CheckSpec.TcpCheck(ConnectOptions.to(address).withTimeout(Duration.ofSeconds(1)), timing);
        AtomicInteger attempts = new AtomicInteger();
        Thread acceptor = drain(listener);
        try (CheckTransport transport = CheckTransport.create(1)) {
            Probe tcp = new ProbeFactory(transport, new SplittableRandom(1)).create(spec);
            Probe counted = () -> tcp.attempt().whenComplete((result, error) -> attempts.incrementAndGet());
            CheckRunner runner = new CheckRunner("tcp " + address, CheckPolicy.of(spec), counted,
                    new ExecutorScheduler(transport.group().next()), events::add, new SplittableRandom(2), Duration.ZERO);
            runner.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() >= 2);
                assertEquals(List.of(), events, "the server is up");
                listener.close();
                acceptor.join();
                await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().anyMatch(CheckEvent.Down.class::isInstance));
                CheckEvent.Down down = (CheckEvent.Down) events.stream().filter(CheckEvent.Down.class::isInstance).findFirst().orElseThrow();
                assertEquals(2, down.failedAttempts(), "one failure and one retry");
                assertInstanceOf(CheckEvent.AttemptFailed.class, events.getFirst());

                try (ServerSocket back = new ServerSocket()) {
                    back.setReuseAddress(true);
                    back.bind(address);
                    drain(back);
                    await().atMost(Duration.ofSeconds(15)).until(() -> events.getLast() instanceof CheckEvent.Up);
                }
            } finally {
                runner.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Accepts and closes connections until the listener is closed. */
    private static Thread drain(ServerSocket listener) {
        return Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    listener.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }
}
