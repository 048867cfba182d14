package dev.vigil.vrrp.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the scenario text format (one file per rule, {@code src/test/resources/scenarios}).
 *
 * <pre>
 * # Rule: RFC 5798 §6.4.2 Master_Down_Interval     (header: every leading '#' line; a "Rule:" line is required)
 * # prose ...
 *
 * instance A priority=100 version=2 advert_int=1s nopreempt ...   (one or more routers under test)
 * track A script chk weight=10 rise=2 fall=2                      (OWNER is an instance or a group)
 * group G A B [sync_group_tracking_weight]
 * show timers                                                     (ArmTimer/CancelTimer are expected too)
 *
 * at 0 A Startup(up)          advance the fake clock to 0 s, firing due timers, then feed A an input
 * expect A StateChanged(INIT, BACKUP, STARTUP)                    next effect, in order
 * at 3.609375s                only advance; every effect so far must have been expected
 * expect nothing              no unexpected effect so far
 * state A MASTER              state of an instance or a group; priority A 100: effective priority
 * </pre>
 *
 * With a single instance and no group, the instance name may be left out everywhere. Blank
 * lines and later {@code #} lines are ignored. Errors name the file and line.
 */
final class ScenarioParser {

    private ScenarioParser() {
    }

    static Scenario parse(String file, String text) {
        List<String> header = new ArrayList<>();
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        List<Scenario.Track> tracks = new ArrayList<>();
        Map<String, Scenario.Group> groups = new LinkedHashMap<>();
        List<Scenario.Step> steps = new ArrayList<>();
        boolean showTimers = false;
        boolean inHeader = true;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                if (inHeader) {
                    header.add(line.substring(1).strip());
                }
                continue;
            }
            inHeader = false;
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                switch (words[0]) {
                    case "instance" -> instances.put(words[1], options(words, 2));
                    case "track" -> tracks.add(new Scenario.Track(no, words[1], words[2], words[3], options(words, 4)));
                    case "group" -> groups.put(words[1], group(words, instances));
                    case "show" -> showTimers = true;
                    case "at" -> steps.add(at(no, words, line, instances, groups));
                    case "expect" -> steps.add(expect(no, words, line, instances, groups));
                    case "state", "priority" -> steps.add(check(no, words, instances));
                    default -> throw new IllegalArgumentException("unknown line kind '" + words[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + no + ": " + e.getMessage() + ": " + line, e);
            }
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException(file + ": no instance line");
        }
        return new Scenario(file, header, instances, tracks, groups, showTimers, steps);
    }

    private static Scenario.Group group(String[] words, Map<String, ?> instances) {
        List<String> members = new ArrayList<>();
        boolean trackingWeight = false;
        for (String w : Arrays.copyOfRange(words, 2, words.length)) {
            if (w.equals("sync_group_tracking_weight")) {
                trackingWeight = true;
            } else if (instances.containsKey(w)) {
                members.add(w);
            } else {
                throw new IllegalArgumentException("unknown group member or option " + w);
            }
        }
        return new Scenario.Group(members, trackingWeight);
    }

    private static Map<String, String> options(String[] words, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 0) {
                out.put(words[i], "true");
            } else {
                out.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return out;
    }

    private static Scenario.Step at(int no, String[] words, String line, Map<String, ?> instances,
                                    Map<String, ?> groups) {
        long at = TimeText.parse(words[1]);
        int next = 2;
        String who = null;
        if (words.length > next && instances.containsKey(words[next])) {
            who = words[next++];
        }
        String input = restFrom(line, words, next);
        return new Scenario.At(no, at, who, input);
    }

    private static Scenario.Step expect(int no, String[] words, String line, Map<String, ?> instances,
                                        Map<String, ?> groups) {
        int next = 1;
        String who = null;
        if (words.length > 2 && (instances.containsKey(words[1]) || groups.containsKey(words[1]))) {
            who = words[next++];
        }
        String effect = restFrom(line, words, next);
        if (effect.isEmpty()) {
            throw new IllegalArgumentException("expect needs an effect or 'nothing'");
        }
        return new Scenario.Expect(no, who, effect);
    }

    private static Scenario.Step check(int no, String[] words, Map<String, ?> instances) {
        if (words.length == 3) {
            return new Scenario.Check(no, words[0], words[1], words[2]);
        }
        if (words.length == 2 && instances.size() == 1) {
            return new Scenario.Check(no, words[0], instances.keySet().iterator().next(), words[1]);
        }
        throw new IllegalArgumentException(words[0] + " needs WHO and a value");
    }

    /** The text after the first {@code index} words, spacing kept. */
    private static String restFrom(String line, String[] words, int index) {
        int pos = 0;
        for (int i = 0; i < index; i++) {
            pos = line.indexOf(words[i], pos) + words[i].length();
        }
        return line.substring(pos).strip();
    }
}
