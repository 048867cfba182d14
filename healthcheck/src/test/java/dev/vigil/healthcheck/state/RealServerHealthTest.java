package dev.vigil.healthcheck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.RealServerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RealServerHealthTest {

    private static final CheckResult OK = CheckResult.success("ok");
    private static final CheckResult BAD = CheckResult.failure("bad");

    private static Map<String, Boolean> checkers(Object... nameAndAlpha) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndAlpha.length; i += 2) {
            map.put((String) nameAndAlpha[i], (Boolean) nameAndAlpha[i + 1]);
        }
        return map;
    }

    @Test
    void firstFailureKillsAndLastRecoveryRevives() {
        RealServerHealth rs = new RealServerHealth("rs", 5, checkers("http", false, "tcp", false));
        assertTrue(rs.isAlive());
        CheckEvent httpDown = new CheckEvent.Down("http", BAD, 2, false);
        assertEquals(List.of(new RealServerEvent.Dead("rs", httpDown, false)), rs.onCheckEvent(httpDown));
        assertEquals(List.of(), rs.onCheckEvent(new CheckEvent.Down("tcp", BAD, 1, false)));
        assertEquals(List.of(), rs.onCheckEvent(new CheckEvent.Up("http", OK)));
        assertFalse(rs.isAlive());
        CheckEvent tcpUp = new CheckEvent.Up("tcp", OK);
        assertEquals(List.of(new RealServerEvent.Alive("rs", tcpUp)), rs.onCheckEvent(tcpUp));
        assertTrue(rs.isAlive());
    }

    @Test
    void alphaCheckerStartsTheServerDead() {
        RealServerHealth rs = new RealServerHealth("rs", 1, checkers("misc", true));
        assertFalse(rs.isAlive());
        CheckEvent initial = new CheckEvent.Down("misc", BAD, 1, true);
        assertEquals(List.of(new RealServerEvent.Dead("rs", initial, true)), rs.onCheckEvent(initial));
        CheckEvent up = new CheckEvent.Up("misc", OK);
        assertEquals(List.of(new RealServerEvent.Alive("rs", up)), rs.onCheckEvent(up));
        assertTrue(new RealServerHealth("empty", 1, Map.of()).isAlive());
    }

    @Test
    void dynamicWeightReplacesTheConfiguredWeightAndFailureDropsIt() {
        RealServerHealth rs = new RealServerHealth("rs", 10, checkers("misc", false, "tcp", false));
        CheckResult weight3 = new CheckResult.WeightedSuccess(3);
        assertEquals(List.of(new RealServerEvent.WeightChanged("rs", 10, 3)), rs.onCheckEvent(
                new CheckEvent.WeightChanged("misc", weight3, OptionalInt.empty(), OptionalInt.of(3))));
        assertEquals(3, rs.effectiveWeight());
        CheckEvent down = new CheckEvent.Down("misc", BAD, 1, false);
        assertEquals(List.of(new RealServerEvent.Dead("rs", down, false), new RealServerEvent.WeightChanged("rs", 3, 10)),
                rs.onCheckEvent(down));
        assertEquals(List.of(), rs.onCheckEvent(new CheckEvent.AttemptFailed("tcp", BAD, 1, 1)));
    }

    @Test
    void movesAreAddedUpBeforeTheWeightIsClampedAsKeepalivedDoes() {
        // Two FILE_CHECKs on a weight-100 server: -150 and +100 give 50, not 100.
        RealServerHealth rs = new RealServerHealth("rs", 100, checkers("file1", false, "file2", false));
        rs.onCheckEvent(new CheckEvent.WeightChanged("file1", new CheckResult.WeightedSuccess(-50), OptionalInt.empty(),
                OptionalInt.of(-50)));
        assertEquals(0, rs.effectiveWeight(), "clamped at 0 while the total is negative");
        rs.onCheckEvent(new CheckEvent.WeightChanged("file2", new CheckResult.WeightedSuccess(200), OptionalInt.empty(),
                OptionalInt.of(200)));
        assertEquals(50, rs.effectiveWeight());
    }

    @Test
    void unknownCheckerIsAProgrammingError() {
        RealServerHealth rs = new RealServerHealth("rs", 1, checkers("tcp", false));
        assertThrows(IllegalArgumentException.class, () -> rs.onCheckEvent(new CheckEvent.Up("http", OK)));
    }
}
