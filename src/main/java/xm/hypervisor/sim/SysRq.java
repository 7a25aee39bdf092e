package xm.hypervisor.sim;

/** What a Linux guest does with a magic SysRq key. */
final class SysRq {
  private SysRq() {}

  static String describe(char key) {
    return switch (key) {
      case 'b' -> "Resetting";
      case 'c' -> "Trigger a crashdump";
      case 'e' -> "Terminate All Tasks";
      case 'h' ->
          "HELP : loglevel0-8 reBoot Crashdump tErm Full kIll saK showMem Nice powerOff showPc unRaw Sync showTasks Unmount";
      case 'i' -> "Kill All Tasks";
      case 'm' -> "Show Memory";
      case 'o' -> "Power Off";
      case 'p' -> "Show Regs";
      case 's' -> "Emergency Sync";
      case 't' -> "Show State";
      case 'u' -> "Emergency Remount R/O";
      default ->
          key >= '0' && key <= '9'
              ? "Changing Loglevel"
              : "HELP : loglevel0-8 reBoot Crashdump tErm Full kIll saK showMem Nice powerOff showPc unRaw Sync showTasks Unmount";
    };
  }

  /** The lifecycle event a key causes at once, or null. */
  static SimDomain.Pending.Kind consequence(char key) {
    return switch (key) {
      case 'b' -> SimDomain.Pending.Kind.REBOOT;
      case 'c' -> SimDomain.Pending.Kind.CRASH;
      case 'o' -> SimDomain.Pending.Kind.POWEROFF;
      default -> null;
    };
  }
}
