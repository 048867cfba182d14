package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.daemon.alert.AlertEvent;
import dev.vigil.daemon.alert.SmtpCredentials;
import dev.vigil.daemon.alert.VrrpState;
import dev.vigil.daemon.metrics.VigilMetrics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertChannelsTest {

    @TempDir
    Path dir;

    private static String read(InputStream in, int length) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void vrrpEventsGoToTheCommonAndVrrpFifos() throws Exception {
        Path common = dir.resolve("notify.fifo");
        Path vrrp = dir.resolve("vrrp.fifo");
        Path lvs = dir.resolve("lvs.fifo");
        KeepalivedConfig config = new ConfigLoader(ReadOptions.defaults()).loadText("t.conf", """
                global_defs {
                    notify_fifo %s
                    vrrp_notify_fifo %s
                    lvs_notify_fifo %s
                }
                """.formatted(common, vrrp, lvs), dir).config().orElseThrow();
        try (AlertChannels channels = AlertChannels.open(config.globalDefs(), new VigilMetrics().alerts());
             InputStream commonIn = Files.newInputStream(common);
             InputStream vrrpIn = Files.newInputStream(vrrp)) {
            assertFalse(channels.mailConfigured());
            channels.vrrp(new AlertEvent.InstanceStateChanged("VI_1", VrrpState.MASTER, 150), true);
            String line = "INSTANCE \"VI_1\" MASTER 150\n";
            assertEquals(line, read(commonIn, line.length()));
            assertEquals(line, read(vrrpIn, line.length()));
        }
    }

    @Test
    void aReloadReopensOnlyTheFifosWhoseSettingChanged() throws Exception {
        Path common = dir.resolve("notify.fifo");
        Path first = dir.resolve("vrrp1.fifo");
        Path second = dir.resolve("vrrp2.fifo");
        String text = """
                global_defs {
                    notify_fifo %s
                    vrrp_notify_fifo %s
                }
                """;
        ConfigLoader loader = new ConfigLoader(ReadOptions.defaults());
        KeepalivedConfig before = loader.loadText("t.conf", text.formatted(common, first), dir).config().orElseThrow();
        KeepalivedConfig after = loader.loadText("t.conf", text.formatted(common, second), dir).config().orElseThrow();
        KeepalivedConfig none = loader.loadText("t.conf", "global_defs {\n}\n", dir).config().orElseThrow();
        try (AlertChannels channels = AlertChannels.open(before.globalDefs(), new VigilMetrics().alerts());
             InputStream commonIn = Files.newInputStream(common)) {
            assertEquals(java.util.List.of(), channels.reconfigure(before.globalDefs()), "nothing changed");
            assertEquals(java.util.List.of("vrrp_notify_fifo: now " + second),
                    channels.reconfigure(after.globalDefs()));
            try (InputStream secondIn = Files.newInputStream(second)) {
                channels.vrrp(new AlertEvent.InstanceStateChanged("VI_1", VrrpState.BACKUP, 100), false);
                String line = "INSTANCE \"VI_1\" BACKUP 100\n";
                assertEquals(line, read(commonIn, line.length()), "the unchanged FIFO stayed open");
                assertEquals(line, read(secondIn, line.length()));
            }
            assertEquals(java.util.List.of("notify_fifo: closed", "vrrp_notify_fifo: closed"),
                    channels.reconfigure(none.globalDefs()));
            assertFalse(channels.mailConfigured());
        }
    }

    @Test
    void smtpStartTlsAndAuthReachTheMailer() {
        KeepalivedConfig config = new ConfigLoader(ReadOptions.defaults()).loadText("t.conf", """
                global_defs {
                    smtp_server 10.0.0.25
                    smtp_starttls
                    smtp_auth alerts pw LOGIN
                }
                """, dir).config().orElseThrow();
        var extensions = AlertChannels.smtpExtensions(config.globalDefs());
        assertTrue(extensions.startTls());
        assertEquals(new SmtpCredentials("alerts", "pw", SmtpCredentials.Mechanism.LOGIN),
                extensions.credentials().orElseThrow());
        KeepalivedConfig plain = new ConfigLoader(ReadOptions.defaults()).loadText("t.conf",
                "global_defs {\n smtp_server 10.0.0.25\n}\n", dir).config().orElseThrow();
        assertFalse(AlertChannels.smtpExtensions(plain.globalDefs()).needsEhlo(), "keepalived's HELO dialogue");
    }
}
