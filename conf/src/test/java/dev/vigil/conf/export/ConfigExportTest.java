package dev.vigil.conf.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.bind.ConfigBinder;
import dev.vigil.conf.bind.TreeText;
import dev.vigil.conf.model.KeepalivedConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigExportTest {

    /** Golden fixtures: NAME.conf bound with the test tree helper must export exactly NAME.json. */
    private static final List<String> GOLDEN = List.of("director", "minimal");

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigExportTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /golden/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static KeepalivedConfig bind(String name) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        KeepalivedConfig config = new ConfigBinder().bind(TreeText.parse(resource(name + ".conf")), diagnostics);
        assertFalse(diagnostics.has(Severity.WARNING), () -> diagnostics.all().toString());
        return config;
    }

    @Test
    void goldenFixturesExist() {
        assertFalse(GOLDEN.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"director", "minimal"})
    void jsonMatchesGoldenFile(String name) throws IOException {
        assertTrue(GOLDEN.contains(name));
        assertEquals(resource(name + ".json"), ConfigExport.toJson(bind(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"director", "minimal"})
    void jsonAndYamlRoundTrip(String name) throws IOException {
        KeepalivedConfig config = bind(name);
        Diagnostics diagnostics = new Diagnostics();
        assertEquals(Optional.of(config), ConfigExport.fromJson(ConfigExport.toJson(config), "dump.json", diagnostics));
        assertEquals(Optional.of(config), ConfigExport.fromYaml(ConfigExport.toYaml(config), "dump.yaml", diagnostics));
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all()::toString);
    }

    @Test
    void handWrittenJsonMayLeaveOutEmptyListsAndAbsentValues() {
        Diagnostics diagnostics = new Diagnostics();
        Optional<KeepalivedConfig> config = ConfigExport.fromJson("""
                {"global_defs": {"smtp_connect_timeout": 30, "vrrp": {"version": 3,
                  "mcast_group4": "224.0.0.18", "mcast_group6": "ff02::12", "garp_master_delay": 5,
                  "garp_master_repeat": 5, "garp_master_refresh": 0, "garp_master_refresh_repeat": 1,
                  "garp_interval": 0, "gna_interval": 0, "down_timer_adverts": 3, "startup_delay": 0}}}
                """, "hand.json", diagnostics);
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all()::toString);
        assertEquals(3, config.orElseThrow().globalDefs().vrrp().version());
        assertTrue(config.orElseThrow().vrrpInstances().isEmpty());
    }

    @Test
    void unknownFieldIsADiagnosticWithAPosition() throws IOException {
        String json = resource("minimal.json").replace("\"global_defs\" : {", "\"global_defs\" : {\n    \"routr_id\" : \"x\",");
        Diagnostics diagnostics = new Diagnostics();
        Optional<KeepalivedConfig> config = ConfigExport.fromJson(json, "bad.json", diagnostics);
        assertTrue(config.isEmpty());
        assertEquals(1, diagnostics.all().size());
        // Records are built once their object ends, so the position is the end of global_defs.
        assertTrue(diagnostics.all().getFirst().headline().startsWith("bad.json:42:4: fatal: Unrecognized field"),
                diagnostics.all().getFirst()::headline);
        assertTrue(diagnostics.all().getFirst().message().contains("at global_defs.routr_id"),
                diagnostics.all().getFirst()::message);
    }

    @Test
    void missingRequiredFieldIsADiagnostic() {
        Diagnostics diagnostics = new Diagnostics();
        assertTrue(ConfigExport.fromJson("{\"global_defs\": {}}", "bad.json", diagnostics).isEmpty());
        assertTrue(diagnostics.has(Severity.FATAL));
    }

    @Test
    void badAddressInYamlIsADiagnostic() {
        Diagnostics diagnostics = new Diagnostics();
        Optional<KeepalivedConfig> config = ConfigExport.fromYaml("""
                static_routes:
                - type: unicast
                  destination: 10.0.0.300/8
                """, "bad.yaml", diagnostics);
        assertTrue(config.isEmpty());
        assertTrue(diagnostics.has(Severity.FATAL));
    }
}
