package xm.cli;

/** xm's version, from the jar's manifest when there is one. */
public final class Version {
  private Version() {}

  public static String text() {
    String v = Version.class.getPackage().getImplementationVersion();
    return "xm "
        + (v == null ? "(development build)" : v)
        + " (Xen 3.4 xm reimplementation; embedded simulated host)";
  }
}
