package xm.cli;

/** The groups of subcommands, as the man page sections them. */
public enum Section {
  DOMAIN("Domain commands"),
  HOST("Xen host commands"),
  SCHEDULER("Scheduler commands"),
  DEVICES("Virtual device commands"),
  ACCESS("Access control commands"),
  DECLARATIVE("Declarative commands"),
  TOOL("Simulated hosts and the xm tool");

  private final String title;

  Section(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
