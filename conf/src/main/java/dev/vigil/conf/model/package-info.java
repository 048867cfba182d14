/**
 * The bound keepalived configuration: immutable records with every default, inherited value
 * and fallback already applied. {@link dev.vigil.conf.model.KeepalivedConfig} is the root.
 * Absent settings are {@link java.util.Optional}; times are {@link java.time.Duration};
 * addresses are {@link dev.vigil.conf.model.IpAddress} (numeric, never resolved).
 */
package dev.vigil.conf.model;
