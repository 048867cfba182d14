package dev.vigil.conf.model;

/** The initial state of a VRRP instance ({@code state MASTER|BACKUP}). */
public enum VrrpState {
    MASTER,
    BACKUP
}
