package dev.vigil.vrrp.sync;

import dev.vigil.vrrp.fsm.Effect;
import dev.vigil.vrrp.fsm.VrrpState;
import java.util.Objects;

/** What the runtime must do after a {@link SyncGroup} input, in the order given. */
public sealed interface GroupEffect {

    /** One member's effect (send, VIPs, timers, state change), tagged with the member. */
    record Member(String member, Effect effect) implements GroupEffect {
        public Member {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** The group changed state: keepalived's group notifies ({@code notify_master} ..., {@code GROUP "G" MASTER}). */
    record GroupStateChanged(String group, VrrpState from, VrrpState to) implements GroupEffect {
        public GroupStateChanged {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
