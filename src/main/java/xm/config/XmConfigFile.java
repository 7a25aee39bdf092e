package xm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import xm.config.py.ConfigScript;
import xm.diag.XmException;
import xm.hypervisor.DomainConfig;

/**
 * Reads an xmdomain.cfg file the way {@code xm create} did: find it (the path as given, then each
 * directory of the config path), run it with the command line's {@code name=value} pairs as
 * variables, let the command line win over the file for every option it sets (a list option given
 * on the command line replaces the file's list), and build a {@link DomainConfig}.
 */
public final class XmConfigFile {
  private XmConfigFile() {}

  /** The config file that was read and the domain it describes. */
  public record Loaded(Path file, DomainConfig config) {}

  /**
   * Finds {@code name}: as given (relative names against {@code cwd}), then in each directory of
   * {@code path}.
   */
  public static Path find(String name, Path cwd, List<Path> path) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(cwd.resolve(name));
    if (!Path.of(name).isAbsolute()) {
      for (Path dir : path) {
        candidates.add(dir.resolve(name));
      }
    }
    for (Path p : candidates) {
      if (Files.exists(p)) {
        return p.normalize();
      }
    }
    throw XmException.badInput("Unable to open config file: " + name);
  }

  /**
   * The most a config file may hold: /dev/zero or a stray disk image is refused, not read until
   * memory ends.
   */
  static final int MAX_BYTES = 1 << 20;

  /** Reads {@code file} and applies the command-line {@code overrides} ({@code name=value}). */
  public static Loaded load(Path file, List<String> overrides, Path cwd) {
    String text;
    try {
      byte[] bytes = xm.files.BoundedReads.read(file, MAX_BYTES);
      xm.files.TextFiles.Decoded d = xm.files.TextFiles.utf8(file.toString(), bytes);
      if (d.problem() != null) {
        throw XmException.badInput(d.problem());
      }
      text = d.text();
    } catch (xm.files.BoundedReads.TooLarge e) {
      throw XmException.badInput(
          "Unable to open config file: "
              + e.getMessage()
              + " (a config file is at most that; is it the right file?)");
    } catch (IOException e) {
      throw XmException.badInput(
          "Unable to open config file: " + file + ": " + xm.files.TextFiles.reason(e));
    }
    if (text.startsWith("<")) {
      throw XmException.badInput(
          file + ": XML domain configs (Xen-API mode) are not supported; use xmdomain.cfg syntax");
    }
    String base = file.getFileName() == null ? "domain" : file.getFileName().toString();
    return new Loaded(file, build(file.toString(), text, overrides, cwd, base));
  }

  /**
   * Builds a domain config from config text and overrides; {@code defaultName} when none is set.
   */
  public static DomainConfig build(
      String source, String text, List<String> overrides, Path cwd, String defaultName) {
    Map<String, Object> cmdline = parseOverrides(overrides);
    ConfigScript.Result r = ConfigScript.run(source, text, cmdline);
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.variables().entrySet()) {
      if (CfgKeys.known(e.getKey())) {
        values.put(e.getKey(), e.getValue());
      }
    }
    Set<String> fromCmdline = new TreeSet<>();
    for (Map.Entry<String, Object> e : cmdline.entrySet()) {
      if (CfgKeys.known(e.getKey())) {
        values.put(e.getKey(), e.getValue());
        fromCmdline.add(e.getKey());
      }
    }
    return new DomainMapper(values, r.assignedAt(), fromCmdline, cwd, defaultName).map();
  }

  static Map<String, Object> parseOverrides(List<String> overrides) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw XmException.badInput(
            "Invalid argument '" + o + "': expected name=value (e.g. memory=256)");
      }
      String k = o.substring(0, eq).trim();
      String v = o.substring(eq + 1).trim();
      if (CfgKeys.LISTS.contains(k)) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) out.computeIfAbsent(k, x -> new ArrayList<>());
        String item = unquote(v);
        if (k.equals("vif") && item.isEmpty()) {
          continue; // the man page's vif='': no network interface (the list stays, empty)
        }
        list.add(item);
      } else {
        out.put(k, v);
      }
    }
    return out;
  }

  /** vif='' on a shell reaches us as '' when quoted twice; treat a quoted empty string as empty. */
  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\"")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
