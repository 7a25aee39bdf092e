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
    Files.writeString(
        cfg,
        "kernel = '/boot/vmlinuz'\nmemory = 64\nname = 'train'\nvif = [ '' ]\n"
            + "disk = [ 'phy:hda1,xvda1,w' ]\nextra = 'console=xvc0 %s' % 'ro'\n");
    Path specs = Files.createDirectories(home.resolve("specs"));
    Files.writeString(
        specs.resolve("t.yaml"),
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: s1}\n"
            + "spec:\n  kernel: /boot/vmlinuz\n  memory: 32\n  vifs: [{bridge: xenbr0}]\n");
    Env env =
        new Env(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of("XM_HOME", home.toString()),
            home,
            System.in,
            false);
    String[][] runs = {
      {"list"},
      {"create", cfg.toString()},
      {"list"},
      {"list", "--long"},
      {"list", "-o", "json"},
      {"info"},
      {"mem-set", "train", "32"},
      {"vcpu-list"},
      {"uptime"},
      {"domid", "train"},
      {"pause", "train"},
      {"unpause", "train"},
      {"destroy", "train"},
      {"destroy", "nosuch"},
      {"help"},
      {"pause"},
      {"list", "-x"},
      {"diff", "-f", specs.toString()},
      {"apply", "-f", specs.toString()},
      {"diff", "-f", specs.toString(), "-o", "json"},
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
