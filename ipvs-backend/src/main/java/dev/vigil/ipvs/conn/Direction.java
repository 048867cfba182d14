package dev.vigil.ipvs.conn;

/** Which way a packet of a known connection travels. */
public enum Direction {
    /** Client to real server (IP_VS_DIR_INPUT). */
    INPUT,
    /** Real server to client through the director (IP_VS_DIR_OUTPUT; NAT only). */
    OUTPUT
}
