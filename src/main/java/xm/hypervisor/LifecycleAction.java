package xm.hypervisor;

/** What the host does when a guest powers off, reboots or crashes (on_poweroff etc.). */
public enum LifecycleAction {
  DESTROY("destroy"),
  RESTART("restart"),
  PRESERVE("preserve"),
  RENAME_RESTART("rename-restart"),
  COREDUMP_DESTROY("coredump-destroy"),
  COREDUMP_RESTART("coredump-restart");

  private final String text;

  LifecycleAction(String text) {
    this.text = text;
  }

  /** The xmdomain.cfg spelling. */
  public String text() {
    return text;
  }

  /** The action spelled {@code text}, or null. */
  public static LifecycleAction parse(String text) {
    for (LifecycleAction a : values()) {
      if (a.text.equals(text)) {
        return a;
      }
    }
    return null;
  }
}
