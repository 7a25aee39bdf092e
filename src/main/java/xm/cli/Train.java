package xm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run {@code bin/xm} uses to build its class-data sharing archive: runs typical
 * commands against a throw-away host so that the classes they load are archived. Not for users.
 */
public final class Train {
  private Train() {}

  public static void main(String[] args) throws IOException {
    Path home = Files.createTempDirectory("xm-train");
    Path cfg = home.resolve("train.cfg");
    Files.writeString(cfg, "kernel = '/boot/vmlinuz'\nmemory = 64\nname = 'train'\nvif = [ '' ]\n"
        + "disk = [ 'phy:hda1,xvda1,w' ]\nextra = 'console=xvc0 %s' % 'ro'\n");
    Env env = new Env(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        Map.of("XM_HOME", home.toString()), home, System.in, false);
    String[][] runs = {
      {"list"}, {"create", cfg.toString()}, {"list"}, {"list", "--long"}, {"list", "-o", "json"}, {"info"},
      {"mem-set", "train", "32"}, {"vcpu-list"}, {"uptime"}, {"domid", "train"}, {"pause", "train"},
      {"unpause", "train"}, {"destroy", "train"}, {"destroy", "nosuch"}, {"help"}, {"pause"}, {"list", "-x"},
    };
    try {
      for (String[] r : runs) {
        Main.run(r, env);
      }
    } finally {
      try (Stream<Path> s = Files.walk(home)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
