package dev.vigil.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "192.168.0.1, 192.168.0.1",
            "0.0.0.0, 0.0.0.0",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0000::0001, fe80::1",
            "::, ::",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3"})
    void canonicalText(String input, String canonical) {
        assertEquals(canonical, IpAddress.parse(input).orElseThrow().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.100.", "256.1.1.1", "1.2.3", "01234.1.1.1", "host.example.com", "",
            "fe80::1%eth0", "1.2.3.4.5", "2001:db8::g"})
    void rejectsNonNumericOrMalformed(String input) {
        assertEquals(Optional.empty(), IpAddress.parse(input));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1/8, 10.0.0.1/8", "10.0.0.1, 10.0.0.1/32", "2001:db8::1, 2001:db8::1/128"})
    void prefixes(String input, String expected) {
        assertEquals(expected, IpPrefix.parse(input).orElseThrow().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/33", "10.0.0.1/", "2001:db8::/129", "10.0.0.1/-1"})
    void badPrefixes(String input) {
        assertTrue(IpPrefix.parse(input).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"200, 200, 200", "200-299, 200, 299"})
    void statusRanges(String text, int first, int last) {
        assertEquals(new StatusCodeRange(first, last), StatusCodeRange.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "600", "300-200", "2xx", ""})
    void badStatusRanges(String text) {
        assertTrue(StatusCodeRange.parse(text).isEmpty());
    }
}
