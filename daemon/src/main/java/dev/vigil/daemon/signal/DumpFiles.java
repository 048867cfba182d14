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
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dump files keepalived writes on signals, under the same names in the same directory
 * (reference §1.7): the temporary directory is {@code $TMPDIR} when that is a directory,
 * else {@code /tmp} (keepalived utils.c). Each file is written to a fresh temporary file
 * (mode 0600) in that directory and renamed over the target, so a reader never sees half a
 * file and a symbolic link planted at the target name is replaced, never followed.
 *
 * <p>{@code global_defs}' {@code state_dump_file}, {@code stats_dump_file} and
 * {@code json_dump_file} move them (keepalived's {@code open_dump_file()}, global_data.c, and
 * the man page's {@code *_file_location}): a path ending in {@code /} names the directory
 * (absolute) and keeps the usual file name; any other path names the file. A path that does
 * not start with {@code /} keeps only its last component, in the temporary directory. The
 * state file is a template for both data dumps: the checker's gets {@code _check} inserted
 * before the last dot of the name ({@code /run/ka/state.dump} gives {@code /run/ka/state.dump}
 * and {@code /run/ka/state_check.dump}). keepalived 2.3 reads {@code stats_dump_file} and
 * {@code json_dump_file} but still writes {@code keepalived.stats} / {@code keepalived.json} in
 * the temporary directory; Vigil applies them as its man page documents.
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

    /** What the checker's data dump inserts before the state file's extension (check_print.c). */
    private static final String CHECK_SUFFIX = "_check";

    private final Path directory;
    private final Optional<String> stateFile;
    private final Optional<String> statsFile;
    private final Optional<String> jsonFile;

    /** keepalived's default names in {@code directory}. */
    public DumpFiles(Path directory) {
        this(directory, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param directory the temporary directory ({@link #directory(Map)})
     * @param stateFile {@code state_dump_file}, if configured
     * @param statsFile {@code stats_dump_file}, if configured
     * @param jsonFile  {@code json_dump_file}, if configured
     */
    public DumpFiles(Path directory, Optional<String> stateFile, Optional<String> statsFile,
                     Optional<String> jsonFile) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.stateFile = nonEmpty(stateFile, "state_dump_file");
        this.statsFile = nonEmpty(statsFile, "stats_dump_file");
        this.jsonFile = nonEmpty(jsonFile, "json_dump_file");
    }

    private static Optional<String> nonEmpty(Optional<String> path, String keyword) {
        if (path.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException(keyword + " requires a non-empty path");
        }
        return path;
    }

    /**
     * Where the dump {@code name} ({@link #DATA}, {@link #CHECK_DATA}, {@link #STATS} or
     * {@link #JSON}) is written.
     */
    public Path target(String name) {
        return switch (name) {
            case DATA -> configured(stateFile, DATA, "");
            case CHECK_DATA -> configured(stateFile, DATA, CHECK_SUFFIX);
            case STATS -> configured(statsFile, STATS, "");
            case JSON -> configured(jsonFile, JSON, "");
            default -> throw new IllegalArgumentException("not a dump file: " + name);
        };
    }

    /** keepalived's open_dump_file(): the directory, the name, and the suffix before the name's last dot. */
    private Path configured(Optional<String> path, String defaultName, String suffix) {
        Path dir = directory;
        String file = defaultName;
        if (path.isPresent()) {
            String p = path.get();
            int slash = p.lastIndexOf('/');
            if (p.startsWith("/")) {
                dir = Path.of(slash == 0 ? "/" : p.substring(0, slash));
            }
            if (!p.endsWith("/")) {
                file = p.substring(slash + 1);
            }
        }
        int dot = file.lastIndexOf('.');
        String named = dot < 0 ? file + suffix : file.substring(0, dot) + suffix + file.substring(dot);
        return dir.resolve(named);
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
        Path target = target(name);
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
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
