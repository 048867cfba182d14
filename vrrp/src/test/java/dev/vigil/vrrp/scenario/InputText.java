package dev.vigil.vrrp.scenario;

import dev.vigil.vrrp.fsm.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * An input as written in a scenario: {@code Name} or {@code Name(arg, key=value, ...)}.
 * Machine inputs: {@code Startup(up|down)}, {@code LinkChanged(up|down)},
 * {@code FaultChanged(on|off)}, {@code PriorityChanged(N)}, {@code Shutdown}. Adverts and
 * tracker observations are handled by the runner: {@code Advert(from=IP, prio=N[, interval=T]
 * [, addresses=N])}, {@code Interface(NAME, up|down)}, {@code Script(NAME, ok|fail|timeout)},
 * {@code File(NAME, VALUE)}.
 */
record InputText(String name, List<String> args) {

    static InputText parse(String text) {
        int open = text.indexOf('(');
        if (open < 0) {
            return new InputText(text.strip(), List.of());
        }
        if (!text.endsWith(")")) {
            throw new IllegalArgumentException("missing ')' in " + text);
        }
        List<String> args = new ArrayList<>();
        for (String a : text.substring(open + 1, text.length() - 1).split(",")) {
            if (!a.isBlank()) {
                args.add(a.strip());
            }
        }
        return new InputText(text.substring(0, open).strip(), args);
    }

    String arg(int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(name + " needs argument " + (index + 1));
        }
        return args.get(index);
    }

    /** A {@code key=value} argument; {@code fallback} null means required. */
    String option(String key, String fallback) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return a.substring(key.length() + 1);
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " needs " + key + "=");
        }
        return fallback;
    }

    Input toInput() {
        return switch (name) {
            case "Startup" -> new Input.Startup(upDown(arg(0)));
            case "LinkChanged" -> new Input.LinkChanged(upDown(arg(0)));
            case "FaultChanged" -> new Input.FaultChanged(arg(0).equals("on"), "scenario");
            case "PriorityChanged" -> new Input.PriorityChanged(Integer.parseInt(arg(0)));
            case "Shutdown" -> new Input.Shutdown();
            default -> throw new IllegalArgumentException("unknown input " + name);
        };
    }

    private static boolean upDown(String word) {
        return switch (word) {
            case "up" -> true;
            case "down" -> false;
            default -> throw new IllegalArgumentException("expected up or down: " + word);
        };
    }
}
