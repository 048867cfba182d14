package dev.vigil.vrrp.scenario;

import dev.vigil.vrrp.codec.CheckVerdict;
import dev.vigil.vrrp.fsm.Effect;
import java.util.stream.Collectors;

/** The one-line text of an effect or verdict that scenario files expect. */
final class EffectText {

    private EffectText() {
    }

    static String render(Effect e) {
        return switch (e) {
            case Effect.SendAdvert s -> "SendAdvert(" + s.priority() + ")";
            case Effect.AddVips ignored -> "AddVips";
            case Effect.RemoveVips ignored -> "RemoveVips";
            case Effect.SendGratuitous g -> "SendGratuitous(" + g.reason() + ", " + g.count() + ")";
            case Effect.ArmTimer a -> "ArmTimer(" + a.kind() + ", " + TimeText.format(a.atNanos()) + ")";
            case Effect.CancelTimer c -> "CancelTimer(" + c.kind() + ")";
            case Effect.StateChanged s -> "StateChanged(" + s.from() + ", " + s.to() + ", " + s.reason() + ")";
            case Effect.MasterReceivedLowerPriority m ->
                    "MasterReceivedLowerPriority(" + m.source().getHostAddress() + ", " + m.priority() + ")";
            case Effect.AddressOwnerConflict o ->
                    "AddressOwnerConflict(" + o.peer().getHostAddress() + ", " + (o.backingOff() ? "backing-off" : "warning")
                            + ")";
        };
    }

    static String verdict(CheckVerdict v) {
        return switch (v) {
            case CheckVerdict.Accept a -> "Accept " + a.notes().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(" "));
            case CheckVerdict.Drop d -> "Drop " + d.reason();
            case CheckVerdict.Reject r -> "Reject " + r.reason();
        };
    }
}
