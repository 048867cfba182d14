package dev.vigil.daemon.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dump files keepalived writes on signals, under the same names in the same directory
 * (reference §1.7): the temporary directory is {@code $TMPDIR} when that is a directory,
 * else {@code /tmp} (keepalived utils.c). Each file is written to a fresh temporary file
 * (mode 0600) in that directory and renamed over the target, so a reader never sees half a
 * file and a symbolic link planted at the target name is replaced, never followed.
 *
 * <p>keepalived's {@code data_use_instance} (instance name inserted into the file names) is not
 * implemented here. Thread-safe; writes are independent.
 */
public final class DumpFiles {

    /** SIGUSR1, VRRP part. */
    public static final String DATA = "keepalived.data";
    /** SIGUSR1, checker part. */
    public static final String CHECK_DATA = "keepalived_check.data";
    /** SIGUSR2. */
    public static final String STATS = "keepalived.stats";
    /** SIGRTMIN+2. */
    public static final String JSON = "keepalived.json";

    private static final Path DEFAULT_TMP = Path.of("/tmp");

    private final Path directory;

    public DumpFiles(Path directory) {
        this.directory = directory;
    }

    /** keepalived's choice of directory: {@code TMPDIR} from {@code environment} if it is a directory, else /tmp. */
    public static Path directory(Map<String, String> environment) {
        String tmpdir = environment.get("TMPDIR");
        if (tmpdir != null && !tmpdir.isEmpty() && Files.isDirectory(Path.of(tmpdir))) {
            return Path.of(tmpdir);
        }
        return DEFAULT_TMP;
    }

    /** Dump files in the directory chosen from this process's environment. */
    public static DumpFiles fromEnvironment() {
        return new DumpFiles(directory(System.getenv()));
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code keepalived.stats}; returns its path. */
    public Path writeStats(List<InstanceStats> instances) throws IOException {
        return write(STATS, StatsFileFormat.format(instances));
    }

    /** Writes {@code keepalived.json}: an array of {"data": {...}, "stats": {...}}; returns its path. */
    public Path writeJson(List<InstanceJson> instances) throws IOException {
        List<Map<String, Object>> array = instances.stream().map(instance -> {
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("data", new TreeMap<>(instance.data()));
            element.put("stats", instance.stats().keepalivedJson());
            return element;
        }).toList();
        try {
            return write(JSON, JsonWriter.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode " + JSON + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the text dump {@code name} ({@link #DATA} or {@link #CHECK_DATA}); returns its path. */
    public Path writeText(String name, String text) throws IOException {
        if (!name.equals(DATA) && !name.equals(CHECK_DATA)) {
            throw new IllegalArgumentException("not a text dump file: " + name);
        }
        return write(name, text);
    }

    private Path write(String name, String content) throws IOException {
        Path target = directory.resolve(name);
        Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Jackson's mapper, created on the first JSON dump: a daemon that never gets SIGRTMIN+2
     * does not load Jackson's few hundred classes (resident memory, start-up).
     */
    private static final class JsonWriter {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();

        private JsonWriter() {
        }
    }
}
