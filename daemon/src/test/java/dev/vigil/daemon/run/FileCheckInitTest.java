package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.adapt.ControllerPlans;
import dev.vigil.daemon.adapt.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init_file for the track_files FILE_CHECKs follow (keepalived writes it in its checker process too). */
class FileCheckInitTest {

    @TempDir
    Path dir;

    @Test
    void writesMissingFilesAndOverwritesOnlyWhenAskedAndNotAtAReload() throws Exception {
        Files.writeString(dir.resolve("kept"), "7\n");
        Files.writeString(dir.resolve("overwritten"), "7\n");
        KeepalivedConfig config = TestConfigs.load("""
                track_file created {
                    file %1$s/created
                    init_file 1
                }
                track_file kept {
                    file %1$s/kept
                    init_file 1
                }
                track_file overwritten {
                    file %1$s/overwritten
                    init_file 2 overwrite
                }
                track_file unused {
                    file %1$s/unused
                    init_file 3
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.1.1 80 {
                        FILE_CHECK {
                            track_file created
                        }
                        FILE_CHECK {
                            track_file kept
                        }
                        FILE_CHECK {
                            track_file overwritten
                        }
                    }
                }
                """.formatted(dir));
        FileCheckInit.apply(config, ControllerPlans.from(config).plans());
        assertEquals("1\n", Files.readString(dir.resolve("created")));
        assertEquals("7\n", Files.readString(dir.resolve("kept")), "present, no overwrite: left alone");
        assertEquals("2\n", Files.readString(dir.resolve("overwritten")));
        assertFalse(Files.exists(dir.resolve("unused")), "no FILE_CHECK follows it (VRRP writes its own)");

        // a reload: missing files are written again, existing ones left alone even with overwrite
        Files.writeString(dir.resolve("overwritten"), "5\n");
        Files.delete(dir.resolve("created"));
        FileCheckInit.apply(config, ControllerPlans.from(config).plans(), true);
        assertEquals("1\n", Files.readString(dir.resolve("created")));
        assertEquals("5\n", Files.readString(dir.resolve("overwritten")), "keepalived: no overwrite on reload");
    }
}
