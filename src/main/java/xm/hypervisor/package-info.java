/**
 * The port to a host: {@link xm.hypervisor.Hypervisor} and the immutable values that cross it
 * (DomainConfig, DomainInfo, HostInfo, devices), plus Xen's naming rules (device numbers, CPU
 * lists, vif syntax). Knows no backend.
 */
package xm.hypervisor;
