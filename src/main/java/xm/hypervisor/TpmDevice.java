package xm.hypervisor;

/** A virtual TPM as the host reports it ({@code xm vtpm-list}). */
public record TpmDevice(
    int handle, VtpmSpec spec, int state, int eventChannel, int ringRef, String backendPath) {}
