package xm.hypervisor;

/** A virtual TPM as declared: {@code vtpm = ['instance=1,backend=0']}; instance -1 = any. */
public record VtpmSpec(int instance, int backendDomain) {}
