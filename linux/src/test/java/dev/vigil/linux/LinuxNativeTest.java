package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LinuxNativeTest {

    @Test
    void disableSwitchWinsWithoutTouchingNativeCode() {
        Properties properties = new Properties();
        properties.setProperty("os.name", "Linux");
        properties.setProperty(LinuxNative.DISABLE_PROPERTY, "true");
        assertEquals(Optional.of("disabled by -Dvigil.native.disable=true"), LinuxNative.probe(properties));
    }

    @Test
    void otherSystemsAreUnavailable() {
        Properties properties = new Properties();
        properties.setProperty("os.name", "Mac OS X");
        assertTrue(LinuxNative.probe(properties).orElseThrow().startsWith("not Linux"));
    }

    @Test
    void linuxProbeMakesARealCall() {
        Properties properties = new Properties();
        properties.setProperty("os.name", System.getProperty("os.name"));
        Optional<String> cause = LinuxNative.probe(properties);
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertEquals(Optional.empty(), cause, "the probe should succeed on Linux with native access enabled");
            assertEquals(!Boolean.getBoolean(LinuxNative.DISABLE_PROPERTY), LinuxNative.isAvailable(),
                    "the JVM-wide result follows -D" + LinuxNative.DISABLE_PROPERTY);
        } else {
            assertTrue(cause.isPresent());
        }
    }
}
