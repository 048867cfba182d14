package dev.vigil.ipvs;

import java.util.Objects;

/**
 * One change to an IPVS table, as the {@link Reconciler} plans it and a backend executes it.
 * Each maps to one kernel command (NEW/SET/DEL_SERVICE, NEW/SET/DEL_DEST).
 */
public sealed interface IpvsOperation {

    /** Runs this operation against {@code backend}. */
    IpvsResult applyTo(IpvsBackend backend);

    record AddService(VirtualService service) implements IpvsOperation {
        public AddService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.addService(service);
        }
    }

    record EditService(VirtualService service) implements IpvsOperation {
        public EditService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.editService(service);
        }
    }

    record DeleteService(ServiceKey key) implements IpvsOperation {
        public DeleteService {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.deleteService(key);
        }
    }

    record AddDestination(ServiceKey service, Destination destination) implements IpvsOperation {
        public AddDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.addDestination(service, destination);
        }
    }

    record EditDestination(ServiceKey service, Destination destination) implements IpvsOperation {
        public EditDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.editDestination(service, destination);
        }
    }

    record DeleteDestination(ServiceKey service, DestinationKey destination) implements IpvsOperation {
        public DeleteDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public IpvsResult applyTo(IpvsBackend backend) {
            return backend.deleteDestination(service, destination);
        }
    }
}
