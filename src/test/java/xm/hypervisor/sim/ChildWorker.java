package xm.hypervisor.sim;

import java.nio.file.Path;
import xm.diag.XmException;

/**
 * What child JVMs do in the cross-process tests. {@code create HOME HOST PREFIX N}: make N
 * domains. {@code churn HOME HOST}: create and destroy domains until killed.
 * {@code migrate HOME FROM DOMAIN TO}: one migration (crash points come from a system property).
 */
public final class ChildWorker {
  private ChildWorker() {}

  public static void main(String[] args) {
    SimHost h = new SimHosts(Path.of(args[1])).open(args[2]);
    switch (args[0]) {
      case "create" -> {
        for (int i = 0; i < Integer.parseInt(args[4]); i++) {
          h.create(TestHosts.config(args[3] + "-" + i, 8), false, "child");
        }
      }
      case "churn" -> {
        for (long i = 0; ; i++) {
          String name = "churn-" + (i % 50);
          try {
            h.create(TestHosts.config(name, 8), false, "child");
            if (i % 3 == 0) {
              h.destroy("churn-" + ((i + 25) % 50), "child");
            }
          } catch (XmException e) {
            h.destroy(name, "child");
          }
        }
      }
      case "migrate" -> h.migrate(args[3], args[4], true, 0, "child");
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("done");
  }
}
