/**
 * {@link dev.vigil.ipvs.fake.FakeIpvsBackend}: an in-memory backend with the kernel's
 * checks and errors, for tests and demos on machines without IPVS.
 */
package dev.vigil.ipvs.fake;
