package xm.files;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Where xm keeps its files: the one rule every part that needs it reads. */
public final class XmHome {
  private XmHome() {}

  /**
   * {@code XM_HOME}, or {@code $HOME/.xm} (the shell's HOME, as every Unix tool takes it; Java's
   * user.home, from the password file, only when HOME is not set).
   */
  public static Path of(Map<String, String> env) {
    String h = env.get("XM_HOME");
    if (h != null && !h.isBlank()) {
      return Paths.get(h);
    }
    String home = env.get("HOME");
    return Paths.get(
        home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".xm");
  }
}
