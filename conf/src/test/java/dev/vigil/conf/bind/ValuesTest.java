package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({"1, 1000000", "0.05, 50000", ".5, 500000", "2.0000004, 2000000", "2.0000005, 2000001",
            "0, 0"})
    void secondsKeepMicroseconds(String text, long micros) {
        assertEquals(Optional.of(Duration.ofNanos(micros * 1000)), Values.parseSeconds(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1s", "1,5", "", "1e3", "."})
    void badSeconds(String text) {
        assertTrue(Values.parseSeconds(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "255, 255", "-20, -20", "+7, 7"})
    void signedNumbers(String text, long value) {
        assertEquals(OptionalLong.of(value), Values.parseSigned(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "1.5", "abc", "", "99999999999999999999", "--1"})
    void badNumbers(String text) {
        assertTrue(Values.parseSigned(text).isEmpty());
    }
}
