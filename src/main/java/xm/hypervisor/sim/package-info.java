/**
 * The embedded simulated Xen host: state on disk under XM_HOME/hosts/NAME (S-expressions, written
 * atomically under a lock), Xen's rules (memory, VCPUs, ids, names, devices and sharing, Domain-0),
 * asynchronous shutdown/reboot on a wall or manual clock, consoles, dmesg, the xend log, and
 * crash-safe migration between hosts. Start with {@link xm.hypervisor.sim.SimHosts} and {@link
 * xm.hypervisor.sim.SimHost}.
 */
package xm.hypervisor.sim;
