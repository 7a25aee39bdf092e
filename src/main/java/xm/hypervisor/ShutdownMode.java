package xm.hypervisor;

/** How a guest is asked to shut down; the host then applies on_poweroff or on_reboot. */
public enum ShutdownMode {
  /** Power off ({@code xm shutdown}); on_poweroff applies. */
  POWEROFF,
  /** Halt without restarting, whatever on_poweroff says ({@code xm shutdown -H}). */
  HALT,
  /** Reboot ({@code xm reboot}); on_reboot applies. */
  REBOOT
}
