/**
 * End-to-end tests of the whole director: health checkers, the controller, the desired IPVS
 * table and the forwarder, with real servers and a client in their own network namespaces.
 */
package dev.vigil.daemon.e2e;
