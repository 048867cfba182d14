package dev.vigil.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            lb1      | true
            .hidden  | true
            ...      | true
            ""       | false
            .        | false
            ..       | false
            a/b      | false
            ../etc   | false
            /        | false
            """)
    void aPlainNameIsOneDirectoryEntry(String name, boolean plain) {
        assertEquals(plain, FileName.isPlain(name));
    }
}
