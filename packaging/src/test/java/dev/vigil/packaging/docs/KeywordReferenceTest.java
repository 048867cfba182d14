package dev.vigil.packaging.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.bind.KeywordInfo;
import dev.vigil.conf.bind.Support;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeywordReferenceTest {

    private static KeywordInfo read(String word) {
        return new KeywordInfo(word, Support.SUPPORTED, Optional.empty());
    }

    @Test
    void listsKeywordsBySupportLevelAndMergesIdenticalTables() {
        Map<String, List<KeywordInfo>> tables = new LinkedHashMap<>();
        tables.put("root", List.of(new KeywordInfo("global_defs", Support.SUPPORTED, Optional.of("global_defs")),
                new KeywordInfo("bfd_instance", Support.NO_EFFECT, Optional.empty())));
        tables.put("global_defs", List.of(read("router_id"),
                new KeywordInfo("lvs_flush_onstop", Support.DEPRECATED, Optional.empty())));
        tables.put("HTTP_GET.url", List.of(read("path"), read("digest")));
        tables.put("SSL_GET.url", List.of(read("path"), read("digest")));

        assertEquals("""

                #### top level

                Read (1): `global_defs {…}`

                Accepted without effect (1): `bfd_instance`

                #### `global_defs`

                Read (1): `router_id`

                Deprecated, read with a warning (1): `lvs_flush_onstop`

                #### `url` in `HTTP_GET`, `url` in `SSL_GET`

                Read (2): `path`, `digest`
                """, new KeywordReference(tables).markdown());
    }

    @Test
    void wrapsOnlyBetweenListItems() {
        String text = KeywordReference.wrap("Read (2): `" + "a".repeat(80) + "`, `url {…}`");
        assertEquals("Read (2): `" + "a".repeat(80) + "`,\n`url {…}`", text);
    }

    @Test
    void wrapsLongListsAtAHundredColumns() {
        String text = KeywordReference.wrap("Read (40): " + String.join(", ",
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "`keyword_" + i + "`").toList()));
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 100, line);
        }
        assertEquals(text.replace("\n", " "), "Read (40): " + String.join(", ",
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "`keyword_" + i + "`").toList()));
    }

    @Test
    void theShippedGrammarHasEveryBlockAndSupportLevel() {
        String text = KeywordReference.current().markdown();
        for (String heading : List.of("#### top level", "#### `global_defs`", "#### `vrrp_instance`",
                "#### `virtual_server`", "#### `real_server`", "#### `MISC_CHECK`")) {
            assertTrue(text.contains("\n" + heading + "\n"), heading);
        }
        for (Support support : Support.values()) {
            assertTrue(text.contains(KeywordReference.label(support) + " ("), support.name());
        }
    }

    @Test
    void sectionIsFoundReplacedAndRejectedWhenMarkersAreMissingOrDoubled() {
        GeneratedSection section = new GeneratedSection("demo");
        String doc = "intro\n" + section.begin() + "\nold\n" + section.end() + "\noutro\n";
        assertEquals(Optional.of("old\n"), section.extract(doc));
        assertEquals("intro\n" + section.begin() + "\nnew\n" + section.end() + "\noutro\n",
                section.replace(doc, "new\n").orElseThrow());
        assertEquals(Optional.empty(), section.extract("intro\n" + section.begin() + "\nno end\n"));
        assertEquals(Optional.empty(), section.extract(section.begin() + "\na\n" + section.begin() + "\n"
                + section.end() + "\n"));
        assertEquals("line 2 of the region: committed 'b', generated 'c'",
                MigrationDocTest.firstDifference("a\nb\n", "a\nc\n").replace("first difference at ", ""));
    }
}
