//! SCS flavor names (scs-0100).
