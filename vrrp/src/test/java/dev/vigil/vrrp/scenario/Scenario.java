package dev.vigil.vrrp.scenario;

import java.util.List;
import java.util.Map;

/**
 * One parsed scenario file: the prose header, the routers under test, their trackers and sync
 * groups, and the timed steps. See {@link ScenarioParser} for the text format.
 *
 * @param file      file name, for messages
 * @param header    the {@code #} lines without the marker: prose and the rule's source
 * @param instances instance name → its {@code key=value} / flag options, in file order
 * @param tracks    tracker declarations, in file order
 * @param groups    sync group name → its members and options
 * @param showTimers whether ArmTimer / CancelTimer effects are part of the expectations
 * @param steps     the timed inputs and expectations, in file order
 */
record Scenario(String file, List<String> header, Map<String, Map<String, String>> instances, List<Track> tracks,
                Map<String, Group> groups, boolean showTimers, List<Step> steps) {

    /** {@code group NAME MEMBER... [sync_group_tracking_weight]}. */
    record Group(List<String> members, boolean trackingWeight) {
    }

    /**
     * {@code track OWNER KIND NAME key=value...}; OWNER is an instance or a sync group (then every
     * member tracks it).
     */
    record Track(int line, String owner, String kind, String name, Map<String, String> options) {
    }

    /** One line after the declarations. */
    sealed interface Step {
        int line();
    }

    /** {@code at TIME [WHO] [INPUT]}: advance the fake clock (firing due timers), then feed the input. */
    record At(int line, long atNanos, String who, String input) implements Step {
    }

    /** {@code expect [WHO] EFFECT} or {@code expect nothing}. */
    record Expect(int line, String who, String effect) implements Step {
    }

    /** {@code state WHO STATE} (WHO may be a group) or {@code priority WHO N}. */
    record Check(int line, String what, String who, String value) implements Step {
    }
}
