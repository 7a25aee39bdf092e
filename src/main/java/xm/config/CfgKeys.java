package xm.config;

import java.util.Set;

/** The option names {@code xm create} knows, and which are numbers or lists. */
final class CfgKeys {
  private CfgKeys() {}

  static final Set<String> INTS = Set.of(
      "memory", "maxmem", "shadow_memory", "cpu", "pae", "hpet", "timer_mode", "viridian", "acpi", "apic",
      "vcpus", "maxvcpus", "vcpu_avail", "vhpt", "cpu_cap", "cpu_weight", "nics", "target", "hap",
      "machine_address_size", "pci_msitranslate");

  static final Set<String> LISTS = Set.of(
      "tpmif", "disk", "pci", "vscsi", "ioports", "irq", "vfb", "vif", "vtpm", "access_control", "cpuid",
      "cpuid_check");

  static final Set<String> STRINGS = Set.of(
      "name", "bootloader", "bootargs", "bootentry", "kernel", "ramdisk", "loader", "features", "builder",
      "cpus", "rtc_timeoffset", "restart", "on_poweroff", "on_reboot", "on_crash", "blkif", "netif", "root",
      "extra", "ip", "gateway", "netmask", "hostname", "interface", "dhcp", "nfs_server", "nfs_root",
      "device_model", "fda", "fdb", "serial", "monitor", "localtime", "keymap", "usb", "usbdevice",
      "guest_os_type", "stdvga", "isa", "boot", "nographic", "soundhw", "vnc", "vncdisplay", "vnclisten",
      "vncunused", "videoram", "sdl", "opengl", "display", "xauthority", "uuid", "on_xend_start",
      "on_xend_stop", "suppress_spurious_page_faults", "vncpasswd", "vncconsole", "vncviewer");

  /** Keys that become fields of DomainConfig (the rest are kept as extras). */
  static final Set<String> MODELLED = Set.of(
      "name", "uuid", "builder", "kernel", "ramdisk", "root", "extra", "ip", "gateway", "netmask", "hostname",
      "interface", "dhcp", "nfs_server", "nfs_root", "memory", "maxmem", "vcpus", "maxvcpus", "vcpu_avail",
      "cpus", "on_poweroff", "on_reboot", "on_crash", "disk", "vif", "vtpm", "access_control", "cmdline");

  /**
   * Keys of xl's configs that xm did not have: kept as extras (so they survive convert and a
   * round trip), not refused; {@code type} and {@code cmdline} are also read (the builder and the
   * kernel command line).
   */
  static final Set<String> XL = Set.of(
      "type", "cmdline", "vga", "device_model_version", "device_model_override", "device_model_stubdomain_override",
      "firmware", "bios", "nestedhvm", "max_grant_frames", "max_maptrack_frames", "spice", "spicehost", "spiceport",
      "spicetls_port", "spicedisable_ticketing", "spicepasswd", "spiceagent_mouse", "xen_platform_pci", "tsc_mode",
      "seclabel", "driver_domain", "gfx_passthru", "rdm", "usbctrl", "usbdev", "channel", "p9", "vdispl", "vsnd",
      "e820_host", "altp2m", "pool", "cpus_soft", "claim_mode", "max_event_channels", "vkb", "bootloader_args",
      "stubdomain_memory", "on_watchdog", "on_soft_reset", "acpi_s3", "acpi_s4", "vnc_password", "keymap",
      "vncpasswd", "pvshim", "pvshim_path", "pvshim_cmdline", "passthrough", "mca_caps", "vpmu", "vuart",
      "dm_restrict", "smbios_firmware", "acpi_firmware", "ms_vm_genid", "maxmem_pv", "vcpu_hard_affinity",
      "vcpu_soft_affinity", "iomem", "dtdev", "device_tree", "soft_affinity", "buildid", "viridian_enlightenments");

  static boolean known(String key) {
    return INTS.contains(key) || LISTS.contains(key) || STRINGS.contains(key) || XL.contains(key);
  }
}
