package dev.vigil.linux.testing;

import dev.vigil.linux.ThreadScheduling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Named platform threads that wait until {@link #close()}, each with its Linux thread id:
 * subjects for tests that change or read a thread's scheduling through /proc.
 */
public final class ParkedThreads implements AutoCloseable {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    /** Starts a thread called {@code name} and returns its Linux thread id once it runs. */
    public int start(String name) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        threads.add(Thread.ofPlatform().name(name).start(() -> {
            ids.put(name, ThreadScheduling.currentThreadId());
            started.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        started.await();
        return ids.get(name);
    }

    /** The Linux thread id of the thread started as {@code name}. */
    public int id(String name) {
        return ids.get(name);
    }

    /** Releases every thread and waits for them to end. */
    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }
}
