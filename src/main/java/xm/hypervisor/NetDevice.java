package xm.hypervisor;

/**
 * A virtual network interface as the host reports it ({@code xm network-list}).
 *
 * @param handle its index in the domain (the 3 in vif22.3); never reused while the domain lives
 * @param spec its options, with the MAC the host assigned when none was given
 * @param backendDomain the domain that serves it
 * @param state the xenbus state (4 = connected)
 */
public record NetDevice(
    int handle,
    VifSpec spec,
    int backendDomain,
    int state,
    int eventChannel,
    int txRingRef,
    int rxRingRef,
    String backendPath) {

  public String mac() {
    return spec.option("mac");
  }
}
