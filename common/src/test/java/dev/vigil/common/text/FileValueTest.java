package dev.vigil.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** track_file contents as keepalived reads them (strtol with base 0). */
class FileValueTest {

    @Test
    void decimalWithWhitespaceSignAndTrailingText() {
        assertEquals(OptionalLong.of(42), FileValue.parse("42\n"));
        assertEquals(OptionalLong.of(-17), FileValue.parse("  -17 apples"));
        assertEquals(OptionalLong.of(5), FileValue.parse("+5"));
    }

    @Test
    void hexAndOctalPrefixes() {
        assertEquals(OptionalLong.of(255), FileValue.parse("0xff"));
        assertEquals(OptionalLong.of(8), FileValue.parse("010"));
        assertEquals(OptionalLong.of(0), FileValue.parse("0x"), "0x without digits reads the 0");
    }

    @Test
    void noDigitsMeansZero() {
        assertEquals(OptionalLong.of(0), FileValue.parse(""));
        assertEquals(OptionalLong.of(0), FileValue.parse("abc"));
        assertEquals(OptionalLong.of(0), FileValue.parse("\u0663"), "non-ASCII digits are not digits");
    }

    @Test
    void rangeIsInt32UpToTwoToTheThirtyOne() {
        assertEquals(OptionalLong.of(2147483648L), FileValue.parse("2147483648"));
        assertEquals(OptionalLong.empty(), FileValue.parse("2147483649"));
        assertEquals(OptionalLong.of(-2147483648L), FileValue.parse("-2147483648"));
        assertEquals(OptionalLong.empty(), FileValue.parse("-2147483649"));
        assertEquals(OptionalLong.empty(), FileValue.parse("99999999999999999999999999"));
    }
}
