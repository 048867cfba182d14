package dev.vigil.daemon.alert;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert mails in the background: {@link #submit} formats the mail and returns at once, even
 * when the SMTP server is down or stalls; mails go out one at a time, in submission order,
 * through a bounded queue, each with up to {@link DeliveryPolicy#maxAttempts()} attempts and a
 * doubling back-off between them (retries and the queue are Vigil-only: keepalived makes one
 * attempt per mail, concurrently, and forgets it). A mail that cannot be sent is logged and counted
 * ({@link #stats()}, {@link MailDeliveryListener}), never thrown.
 *
 * <p>The Date header is taken from {@code clock} (wall time and zone) when each attempt starts,
 * as keepalived dates the mail when it writes the DATA block.
 *
 * <p>Lifecycle: created running by {@link #start}; {@link #close()} abandons queued mails (counted
 * as dropped) and stops the event loop it owns. Thread-safe.
 */
public final class SmtpAlerter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpAlerter.class);
    /** How long {@link #close()} waits for the event loop to finish. */
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final SmtpSettings settings;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final MailDeliveryListener listener;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final SmtpClient client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retries = new LongAdder();
    /** Guarded by {@link #loop}: mails not yet started. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Guarded by {@link #loop}: the mail being attempted or waiting for its retry, if any. */
    private Pending current;

    private SmtpAlerter(SmtpSettings settings, DeliveryPolicy policy, Clock clock, MailDeliveryListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-smtp", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.client = new SmtpClient(loop, settings);
    }

    /** A running alerter with its own single-thread event loop. */
    public static SmtpAlerter start(SmtpSettings settings, DeliveryPolicy policy, Clock clock,
                                    MailDeliveryListener listener) {
        return new SmtpAlerter(settings, policy, clock, listener);
    }

    /** Formats {@code event} as keepalived would and queues it; {@link SubmitResult#NO_MAIL} if keepalived sends none. */
    public SubmitResult submit(AlertEvent event) {
        Optional<MailMessage> message = AlertMailFormat.format(event, settings.routerId());
        return message.map(this::submit).orElse(SubmitResult.NO_MAIL);
    }

    /** Queues {@code message}; never blocks. */
    public SubmitResult submit(MailMessage message) {
        Objects.requireNonNull(message, "message");
        if (closed.get()) {
            return drop(message, SubmitResult.CLOSED);
        }
        if (queued.incrementAndGet() > policy.queueCapacity()) {
            queued.decrementAndGet();
            return drop(message, SubmitResult.QUEUE_FULL);
        }
        submitted.increment();
        try {
            loop.execute(() -> {
                if (closed.get()) {
                    queued.decrementAndGet();
                    drop(message, SubmitResult.CLOSED);
                    return;
                }
                waiting.add(new Pending(message));
                startNext();
            });
        } catch (RuntimeException rejected) {
            queued.decrementAndGet();
            return drop(message, SubmitResult.CLOSED);
        }
        return SubmitResult.QUEUED;
    }

    /** The counters now. */
    public MailStats stats() {
        return new MailStats(submitted.sum(), delivered.sum(), failed.sum(), dropped.sum(), retries.sum(),
                queued.get());
    }

    /** Stops sending; queued mails are dropped and counted. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.submit(this::abandonWaiting).await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void startNext() {
        if (current != null || closed.get()) {
            return;
        }
        current = waiting.poll();
        if (current != null) {
            attempt(current, 1);
        }
    }

    private void attempt(Pending pending, int attempt) {
        if (current != pending) {
            return;
        }
        MailMessage message = pending.message();
        SmtpData.Block block = SmtpData.render(settings.from(), settings.recipients(), message,
                ZonedDateTime.now(clock));
        if (block.truncated()) {
            LOG.warn("SMTP alert '{}' exceeds {} bytes and was cut", message.subject(), SmtpData.MAX_BYTES);
        }
        client.deliver(block.bytes()).thenAcceptAsync(outcome -> afterAttempt(pending, attempt, outcome), loop);
    }

    private void afterAttempt(Pending pending, int attempt, SmtpOutcome outcome) {
        if (current != pending) {
            return;
        }
        MailMessage message = pending.message();
        if (!(outcome instanceof SmtpOutcome.Delivered) && outcome.retryable() && attempt < policy.maxAttempts()) {
            retries.increment();
            LOG.info("SMTP alert '{}' attempt {} to [{}]:{} failed: {}; retrying", message.subject(), attempt,
                    settings.host(), settings.port(), outcome);
            listener.onRetry(message, outcome, attempt);
            long waitNanos = policy.backoffAfter(attempt).toNanos();
            loop.schedule(() -> attempt(pending, attempt + 1), waitNanos, TimeUnit.NANOSECONDS);
            return;
        }
        if (outcome instanceof SmtpOutcome.Delivered) {
            delivered.increment();
            LOG.info("SMTP alert successfully sent: {}", message.subject());
            listener.onDelivered(message, attempt);
        } else {
            failed.increment();
            LOG.warn("SMTP alert '{}' to [{}]:{} not sent after {} attempt(s): {}", message.subject(),
                    settings.host(), settings.port(), attempt, outcome);
            listener.onFailed(message, outcome, attempt);
        }
        current = null;
        queued.decrementAndGet();
        startNext();
    }

    /** At close: the current mail (in flight or waiting to retry) and the waiting ones are dropped. */
    private void abandonWaiting() {
        if (current != null) {
            queued.decrementAndGet();
            drop(current.message(), SubmitResult.CLOSED);
            current = null;
        }
        Pending pending;
        while ((pending = waiting.poll()) != null) {
            queued.decrementAndGet();
            drop(pending.message(), SubmitResult.CLOSED);
        }
    }

    private SubmitResult drop(MailMessage message, SubmitResult reason) {
        dropped.increment();
        LOG.warn("SMTP alert '{}' dropped: {}", message.subject(), reason);
        listener.onDropped(message, reason);
        return reason;
    }

    /** One submission; compared by identity, so the same message submitted twice is two mails. */
    private static final class Pending {
        private final MailMessage message;

        Pending(MailMessage message) {
            this.message = message;
        }

        MailMessage message() {
            return message;
        }
    }
}
