package dev.vigil.ipvs;

/**
 * An IPVS table: the kernel's (over generic netlink), a userspace forwarder's, or a fake.
 *
 * <p>The primitive operations behave like the kernel's commands, errors included: adding
 * an existing service fails with {@link IpvsError#SERVICE_EXISTS}, deleting a missing
 * destination with {@link IpvsError#DESTINATION_NOT_FOUND}, and so on; a failed operation
 * leaves the table unchanged. The {@code ensure…}/{@code remove…} defaults are the
 * idempotent forms keepalived uses ({@code ipvs_talk()}: EEXIST on add and ENOENT on delete
 * count as success, and an edit of a missing destination becomes an add), so applying the
 * same change twice is harmless.
 *
 * <p>Implementations state their threading; none of these methods may throw for bad input
 * or environment failures — they return {@link IpvsResult.Failed}.
 */
public interface IpvsBackend {

    /** IPVS_CMD_NEW_SERVICE. */
    IpvsResult addService(VirtualService service);

    /** IPVS_CMD_SET_SERVICE: replaces scheduler, flags and persistence of an existing service. */
    IpvsResult editService(VirtualService service);

    /** IPVS_CMD_DEL_SERVICE: removes the service and all its destinations. */
    IpvsResult deleteService(ServiceKey key);

    /** IPVS_CMD_NEW_DEST: the new destination goes to the head of the service's list. */
    IpvsResult addDestination(ServiceKey service, Destination destination);

    /** IPVS_CMD_SET_DEST: replaces forwarding, weight and thresholds; keeps the list position. */
    IpvsResult editDestination(ServiceKey service, Destination destination);

    /** IPVS_CMD_DEL_DEST. */
    IpvsResult deleteDestination(ServiceKey service, DestinationKey destination);

    /** IPVS_CMD_FLUSH: removes every service. */
    IpvsResult flush();

    /** The whole table with counters (GET_SERVICE + GET_DEST dumps). */
    VirtualTable snapshot();

    /** Version and connection-table size (IPVS_CMD_GET_INFO). */
    default IpvsInfo info() {
        return IpvsInfo.DEFAULT;
    }

    /** Adds the service, or succeeds when it already exists (its settings are not checked). */
    default IpvsResult ensureService(VirtualService service) {
        return benign(new IpvsOperation.AddService(service), addService(service));
    }

    /** Adds or updates the destination (keepalived: EDITDEST failing with ENOENT → ADDDEST). */
    default IpvsResult ensureDestination(ServiceKey service, Destination destination) {
        IpvsResult edited = editDestination(service, destination);
        if (edited instanceof IpvsResult.Failed f && f.error() == IpvsError.DESTINATION_NOT_FOUND) {
            return addDestination(service, destination);
        }
        return edited;
    }

    /** Deletes the service, or succeeds when it is already gone. */
    default IpvsResult removeService(ServiceKey key) {
        return benign(new IpvsOperation.DeleteService(key), deleteService(key));
    }

    /** Deletes the destination, or succeeds when it (or its service) is already gone. */
    default IpvsResult removeDestination(ServiceKey service, DestinationKey destination) {
        return benign(new IpvsOperation.DeleteDestination(service, destination),
                deleteDestination(service, destination));
    }

    private static IpvsResult benign(IpvsOperation op, IpvsResult result) {
        if (result instanceof IpvsResult.Failed f && f.error().isBenignFor(op)) {
            return IpvsResult.OK;
        }
        return result;
    }
}
