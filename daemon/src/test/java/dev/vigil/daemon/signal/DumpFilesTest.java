package dev.vigil.daemon.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {

    @TempDir
    Path dir;

    @Test
    void directoryIsTmpdirWhenItIsADirectoryElseTmp() throws Exception {
        assertEquals(dir, DumpFiles.directory(Map.of("TMPDIR", dir.toString())));
        assertEquals(Path.of("/tmp"), DumpFiles.directory(Map.of()));
        assertEquals(Path.of("/tmp"), DumpFiles.directory(Map.of("TMPDIR", "")));
        assertEquals(Path.of("/tmp"), DumpFiles.directory(Map.of("TMPDIR", dir.resolve("missing").toString())));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(Path.of("/tmp"), DumpFiles.directory(Map.of("TMPDIR", file.toString())));
    }

    @Test
    void configuredNamesFollowKeepalivedsOpenDumpFile() {
        Path tmp = Path.of("/var/tmp");
        DumpFiles defaults = new DumpFiles(tmp);
        assertEquals(tmp.resolve("keepalived.data"), defaults.target(DumpFiles.DATA));
        assertEquals(tmp.resolve("keepalived_check.data"), defaults.target(DumpFiles.CHECK_DATA));
        assertEquals(tmp.resolve("keepalived.stats"), defaults.target(DumpFiles.STATS));
        assertEquals(tmp.resolve("keepalived.json"), defaults.target(DumpFiles.JSON));

        DumpFiles full = new DumpFiles(tmp, Optional.of("/run/ka.d/state.dump"), Optional.of("/run/ka/st"),
                Optional.of("/run/ka/j.json"));
        assertEquals(Path.of("/run/ka.d/state.dump"), full.target(DumpFiles.DATA));
        assertEquals(Path.of("/run/ka.d/state_check.dump"), full.target(DumpFiles.CHECK_DATA));
        assertEquals(Path.of("/run/ka/st"), full.target(DumpFiles.STATS));
        assertEquals(Path.of("/run/ka/j.json"), full.target(DumpFiles.JSON));

        DumpFiles directories = new DumpFiles(tmp, Optional.of("/run/ka/"), Optional.of("/run/ka/"),
                Optional.of("/"));
        assertEquals(Path.of("/run/ka/keepalived.data"), directories.target(DumpFiles.DATA));
        assertEquals(Path.of("/run/ka/keepalived_check.data"), directories.target(DumpFiles.CHECK_DATA));
        assertEquals(Path.of("/run/ka/keepalived.stats"), directories.target(DumpFiles.STATS));
        assertEquals(Path.of("/keepalived.json"), directories.target(DumpFiles.JSON));

        DumpFiles relative = new DumpFiles(tmp, Optional.of("sub/state"), Optional.of("sub/"), Optional.empty());
        assertEquals(tmp.resolve("state"), relative.target(DumpFiles.DATA));
        assertEquals(tmp.resolve("state_check"), relative.target(DumpFiles.CHECK_DATA));
        assertEquals(tmp.resolve("keepalived.stats"), relative.target(DumpFiles.STATS));
    }

    @Test
    void dumpsAreWrittenWhereTheConfigurationSays() throws Exception {
        Path there = Files.createDirectories(dir.resolve("there"));
        DumpFiles files = new DumpFiles(dir, Optional.of(there + "/vrrp.txt"), Optional.of(there + "/"),
                Optional.of(there + "/state.json"));
        assertEquals(there.resolve("vrrp.txt"), files.writeText(DumpFiles.DATA, "v\n"));
        assertEquals(there.resolve("vrrp_check.txt"), files.writeText(DumpFiles.CHECK_DATA, "c\n"));
        assertEquals(there.resolve("keepalived.stats"), files.writeStats(List.of(InstanceStats.zero("VI_1"))));
        assertEquals(there.resolve("state.json"), files.writeJson(List.of()));
        try (var entries = Files.list(there)) {
            assertEquals(4, entries.count(), "no temporary file left behind");
        }
        try (var entries = Files.list(dir)) {
            assertEquals(List.of("there"), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void statsFileIsWrittenPrivatelyUnderKeepalivedsName() throws Exception {
        Path written = new DumpFiles(dir).writeStats(List.of(InstanceStats.zero("VI_1")));

        assertEquals(dir.resolve("keepalived.stats"), written);
        assertEquals(StatsFileFormat.format(List.of(InstanceStats.zero("VI_1"))), Files.readString(written));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of("keepalived.stats"), entries.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "keep me");
        Files.createSymbolicLink(dir.resolve("keepalived.stats"), victim);

        new DumpFiles(dir).writeStats(List.of(InstanceStats.zero("VI_1")));

        assertEquals("keep me", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(dir.resolve("keepalived.stats")));
        assertEquals(true, Files.isRegularFile(dir.resolve("keepalived.stats"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void jsonDumpHasKeepalivedsShape() throws Exception {
        var instance = new InstanceJson(Map.of("iname", "VI_1", "vrid", 51, "state", 2, "vips",
                List.of("10.0.0.1/32 dev eth0 scope global")), StatsFileFormatTest.sample());

        Path written = new DumpFiles(dir).writeJson(List.of(instance));

        assertEquals(dir.resolve("keepalived.json"), written);
        JsonNode tree = new ObjectMapper().readTree(written.toFile());
        assertEquals(1, tree.size());
        assertEquals("VI_1", tree.get(0).get("data").get("iname").asText());
        assertEquals(2, tree.get(0).get("data").get("state").asInt());
        assertEquals(1200, tree.get(0).get("stats").get("advert_rcvd").asLong());
        assertEquals(12, tree.get(0).get("stats").get("pri_zero_sent").asLong());
    }

    @Test
    void textDumpsOnlyUnderTheirNames() throws Exception {
        DumpFiles files = new DumpFiles(dir);
        assertEquals("------< VRRP Topology >------\n",
                Files.readString(files.writeText(DumpFiles.DATA, "------< VRRP Topology >------\n")));
        assertThrows(IllegalArgumentException.class, () -> files.writeText("../etc/passwd", "x"));
    }
}
