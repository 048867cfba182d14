package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import java.util.List;

/**
 * Puts one instance's virtual addresses on its interfaces and takes them off again. Adding an
 * address that is already present is not an error, and such an address is not ours to remove:
 * {@link #remove} deletes only what {@link #add} added. Called on the event-loop thread only.
 */
public interface VipApplier {

    /** Adds every address that is missing; remembers which ones it added. */
    void add(List<VirtualAddress> vips) throws NativeException;

    /** Removes the addresses {@link #add} added (an address already gone is fine). */
    void remove(List<VirtualAddress> vips) throws NativeException;
}
