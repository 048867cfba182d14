package dev.vigil.healthcheck.probe;

import dev.vigil.common.text.FileValue;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FILE_CHECK's reading of its {@code track_file} (keepalived track_file.c
 * {@code process_track_file}, {@code update_track_file_status}): at most 127 bytes, parsed as
 * {@code strtol} does; a missing or unreadable file holds 0, and so does anything but a regular
 * file (a FIFO would block the controller's thread); a number out of range is logged
 * (once until the file holds a valid one again) and the previous value stays. The verdict is
 * {@link #judge}. Reading a few bytes of a local file does not block for long, so it happens
 * on the calling thread.
 */
final class FileProbe implements Probe {

    private static final Logger LOG = LoggerFactory.getLogger(FileProbe.class);
    /** keepalived reads into a 128-byte buffer, keeping room for the terminating NUL. */
    static final int MAX_BYTES = 127;

    private final CheckSpec.FileCheck spec;
    /** The last valid number read; confined to the checker's thread. */
    private long value;
    private boolean invalidLogged;

    FileProbe(CheckSpec.FileCheck spec) {
        this.spec = spec;
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        String contents = "";
        if (Files.isRegularFile(spec.path())) {
            try (InputStream in = Files.newInputStream(spec.path())) {
                contents = new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                contents = "";
            }
        }
        OptionalLong parsed = FileValue.parse(contents);
        if (parsed.isPresent()) {
            value = parsed.getAsLong();
            invalidLogged = false;
        } else if (!invalidLogged) {
            invalidLogged = true;
            LOG.warn("track_file {}: invalid number '{}' in {}; keeping {}", spec.name(), contents.strip(),
                    spec.path(), value);
        }
        return CompletableFuture.completedFuture(judge(value, spec));
    }

    /**
     * keepalived's rule: weight 0 makes a non-zero number (zero with {@code reverse}) a failure;
     * otherwise the number times the weight (negated with {@code reverse}), clamped to 32 bits,
     * is a failure at −2^31 and else moves the real server's weight (the real server's health
     * clamps the total of every checker's move to 0..2^31−1, as keepalived does).
     */
    static CheckResult judge(long number, CheckSpec.FileCheck spec) {
        String detail = "track_file " + spec.name() + " holds " + number;
        if (spec.weight() == 0) {
            boolean fault = spec.reverse() ? number == 0 : number != 0;
            return fault ? CheckResult.failure(detail) : CheckResult.success(detail);
        }
        long product = clamp(number * spec.weight() * (spec.reverse() ? -1 : 1), Integer.MIN_VALUE,
                Integer.MAX_VALUE);
        if (product == Integer.MIN_VALUE) {
            return CheckResult.failure(detail);
        }
        if (product == 0) {
            return CheckResult.success(detail);
        }
        return new CheckResult.WeightedSuccess((int) clamp(spec.serverWeight() + product, Integer.MIN_VALUE,
                Integer.MAX_VALUE));
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
