package dev.vigil.packaging.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.packaging.Build;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/MIGRATION.md's keyword reference is generated from the conf module's keyword tables;
 * this test fails when the committed text and the tables disagree, so neither can drift.
 * With {@code -Dvigil.docs.update=true} it rewrites the region instead (see {@link #REGENERATE}).
 */
class MigrationDocTest {

    static final GeneratedSection SECTION = new GeneratedSection("keyword-reference");
    static final String REGENERATE = "mvn -B -o -q -pl packaging -am verify -Dvigil.ipvsVm=skip"
            + " -Dtest=MigrationDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.docs.update=true";

    @Test
    void keywordReferenceMatchesTheKeywordTables() throws IOException {
        Path doc = Build.docs().resolve("MIGRATION.md");
        String text = Files.readString(doc);
        String expected = KeywordReference.current().markdown();
        Optional<String> committed = SECTION.extract(text);
        assertTrue(committed.isPresent(), doc + " needs one region between the lines " + SECTION.begin() + " and "
                + SECTION.end());
        if (committed.get().equals(expected)) {
            return;
        }
        if (Boolean.getBoolean("vigil.docs.update")) {
            Files.writeString(doc, SECTION.replace(text, expected).orElseThrow());
            System.out.println("rewrote the keyword reference in " + doc);
            return;
        }
        fail(doc + ": the keyword reference differs from the keyword tables in conf (dev.vigil.conf.bind); "
                + firstDifference(committed.get(), expected) + "\nRegenerate it with:\n  " + REGENERATE);
    }

    /** "line N: committed '...', generated '...'" for the first line that differs. */
    static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + " of the region: committed '" + left
                        + "', generated '" + right + "'";
            }
        }
        return "the texts differ";
    }
}
