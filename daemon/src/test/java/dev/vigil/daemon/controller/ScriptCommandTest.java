package dev.vigil.daemon.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Script strings split as keepalived splits them: blanks and quotes only. */
class ScriptCommandTest {

    @Test
    void splitsOnBlanksAndKeepsQuotedBlanks() {
        assertEquals(Optional.of(List.of("/bin/notify", "a b", "c")),
                ScriptCommand.split("/bin/notify  'a b'\tc"));
        assertEquals(Optional.of(List.of("x", "say \"hi\"", "")), ScriptCommand.split("x 'say \"hi\"' \"\""));
        assertEquals(Optional.of(List.of("pre-quoted-post")), ScriptCommand.split("pre-\"quoted\"-post"));
        assertEquals(Optional.of(List.of("back\\slash")), ScriptCommand.split("back\\slash"));
        assertEquals(Optional.empty(), ScriptCommand.split("  \t "));
    }

    @Test
    void anotherAccountNeedsRunuserAndRoot() {
        ScriptCommand plain = ScriptCommand.of("/bin/true");
        assertEquals(Optional.of(List.of("/bin/true")), plain.commandLineFor("alice"));
        ScriptCommand asBob = new ScriptCommand(List.of("/bin/true"), Optional.of("bob"), Optional.of("staff"));
        assertEquals(Optional.of(List.of("runuser", "-u", "bob", "-g", "staff", "--", "/bin/true")),
                asBob.commandLineFor("root"));
        assertEquals(Optional.empty(), asBob.commandLineFor("alice"));
        ScriptCommand asSelf = new ScriptCommand(List.of("/bin/true"), Optional.of("alice"), Optional.empty());
        assertEquals(Optional.of(List.of("/bin/true")), asSelf.commandLineFor("alice"));
    }
}
