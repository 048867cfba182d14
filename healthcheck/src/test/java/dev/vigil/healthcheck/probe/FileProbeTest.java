package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILE_CHECK's verdicts (keepalived track_file.c) and its reading of the file. */
class FileProbeTest {

    @TempDir
    Path dir;

    private CheckSpec.FileCheck spec(int weight, boolean reverse, int serverWeight) {
        return new CheckSpec.FileCheck(CheckSpec.FileCheck.TIMING, "maint", dir.resolve("maint"), weight, reverse,
                serverWeight);
    }

    @Test
    void weightZeroMakesTheFileASwitch() {
        assertEquals(CheckResult.success("track_file maint holds 0"), FileProbe.judge(0, spec(0, false, 5)));
        assertEquals(CheckResult.failure("track_file maint holds 1"), FileProbe.judge(1, spec(0, false, 5)));
        assertEquals(CheckResult.failure("track_file maint holds -3"), FileProbe.judge(-3, spec(0, false, 5)));
        assertEquals(CheckResult.failure("track_file maint holds 0"), FileProbe.judge(0, spec(0, true, 5)),
                "reverse: zero takes the server out");
        assertEquals(CheckResult.success("track_file maint holds 7"), FileProbe.judge(7, spec(0, true, 5)));
    }

    @Test
    void aWeightMovesTheServersWeightWithinItsRange() {
        assertEquals(CheckResult.success("track_file maint holds 0"), FileProbe.judge(0, spec(10, false, 5)));
        assertEquals(new CheckResult.WeightedSuccess(35), FileProbe.judge(3, spec(10, false, 5)));
        assertEquals(new CheckResult.WeightedSuccess(-25), FileProbe.judge(3, spec(10, true, 5)),
                "5 - 30: the server's health clamps the total to 0, the server stays alive, as in keepalived");
        assertEquals(new CheckResult.WeightedSuccess(Integer.MAX_VALUE),
                FileProbe.judge(Integer.MAX_VALUE, spec(Integer.MAX_VALUE, false, 5)));
        assertEquals(CheckResult.failure("track_file maint holds -2147483648"),
                FileProbe.judge(Integer.MIN_VALUE, spec(1, false, 5)), "a product at -2^31 is keepalived's fault");
    }

    @Test
    void readsTheFileAsKeepalivedDoesAndKeepsTheLastValidNumber() throws Exception {
        FileProbe probe = new FileProbe(spec(1, false, 100));
        assertEquals(CheckResult.success("track_file maint holds 0"), probe.attempt().join(), "missing: 0");
        Files.writeString(dir.resolve("maint"), " 010 trailing\n");
        assertEquals(new CheckResult.WeightedSuccess(108), probe.attempt().join(), "strtol base 0: octal");
        Files.writeString(dir.resolve("maint"), "0x10");
        assertEquals(new CheckResult.WeightedSuccess(116), probe.attempt().join());
        Files.writeString(dir.resolve("maint"), "99999999999");
        assertEquals(new CheckResult.WeightedSuccess(116), probe.attempt().join(), "out of range: kept");
        Files.writeString(dir.resolve("maint"), "not a number");
        assertEquals(CheckResult.success("track_file maint holds 0"), probe.attempt().join(), "no digits: 0");
        Files.delete(dir.resolve("maint"));
        Files.writeString(dir.resolve("maint"), "-4");
        assertEquals(new CheckResult.WeightedSuccess(96), probe.attempt().join());
    }
}
