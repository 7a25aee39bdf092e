package xm.hypervisor.sim;

import java.nio.file.Path;
import xm.diag.XmException;

/**
 * What child JVMs do in the cross-process tests. {@code create HOME HOST PREFIX N}: make N domains.
 * {@code churn HOME HOST}: create and destroy domains until killed. {@code migrate HOME FROM DOMAIN
 * TO}: one migration (crash points come from a system property). {@code parallel HOME HOST
 * THREADS}: threads that create and destroy domains until killed, printing {@code made NAME} or
 * {@code gone NAME} once each call has returned. {@code hold HOME HOST MS}: take the host's lock,
 * print {@code held}, keep it MS milliseconds (as a stopped or hung writer would), then release it
 * and print {@code released}. {@code made HOME HOST PREFIX N}: make N domains one after another,
 * printing {@code made NAME} once each call has returned (crash points come from system properties,
 * see StateFiles).
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
      case "made" -> {
        for (int i = 0; i < Integer.parseInt(args[4]); i++) {
          h.create(TestHosts.config(args[3] + "-" + i, 8), false, "child");
          say("made " + args[3] + "-" + i);
        }
      }
      case "migrate" -> h.migrate(args[3], args[4], true, 0, "child");
      case "hold" -> {
        try (StateStore.Lock lock = h.store().lock()) {
          say("held");
          Thread.sleep(Long.parseLong(args[3]));
        } catch (InterruptedException e) {
          return;
        }
        say("released");
      }
      case "parallel" -> {
        int threads = Integer.parseInt(args[3]);
        for (int t = 0; t < threads; t++) {
          int thread = t;
          Thread worker =
              new Thread(
                  () -> {
                    for (int i = 0; ; i++) {
                      String name = "p" + thread + "-" + i;
                      h.create(TestHosts.config(name, 8), false, "child");
                      say("made " + name);
                      if (i % 3 == 2) {
                        String old = "p" + thread + "-" + (i - 1);
                        h.destroy(old, "child");
                        say("gone " + old);
                      }
                    }
                  });
          worker.start();
        }
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          return;
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("done");
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
