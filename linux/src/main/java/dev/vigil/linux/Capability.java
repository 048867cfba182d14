package dev.vigil.linux;

/**
 * The Linux capabilities Vigil's native operations need (capabilities(7)). An operation
 * names the one it needs so that an EPERM or EACCES can say what is missing.
 */
public enum Capability {
    /** Raw IP sockets (VRRP, AH) and packet sockets (gratuitous ARP, unsolicited NA). */
    CAP_NET_RAW,
    /** Address and link changes over rtnetlink, every IPVS generic netlink command. */
    CAP_NET_ADMIN,
    /** setns(2) into a network namespace. */
    CAP_SYS_ADMIN,
    /** Realtime scheduling and negative nice values ({@code vrrp_rt_priority}, {@code vrrp_priority}). */
    CAP_SYS_NICE,
    /** Locking memory beyond RLIMIT_MEMLOCK ({@code vrrp_no_swap}, {@code checker_no_swap}). */
    CAP_IPC_LOCK
}
