package xm.acm;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Pattern;
import xm.diag.XmException;

/**
 * Where named policies live: policy {@code a.b.c} is {@code <root>/a/b/c-security_policy.xml}, and
 * its {@code .map} and {@code .bin} sit beside it. The root is {@code $XM_POLICY_ROOT}, else {@code
 * $XM_HOME/policies} (XM_HOME defaulting to {@code ~/.xm}). A policy name is one or more components
 * of letters, digits, {@code _} and {@code -}, joined by dots, so it can never name a path outside
 * the root.
 */
public record PolicyPaths(Path root) {
  public static final String FILE_SUFFIX = "-security_policy.xml";
  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

  public PolicyPaths {
    root = root.toAbsolutePath().normalize();
  }

  public static PolicyPaths from(Map<String, String> env) {
    String r = env.get("XM_POLICY_ROOT");
    if (r != null && !r.isBlank()) {
      return new PolicyPaths(Paths.get(r));
    }
    return new PolicyPaths(xm.files.XmHome.of(env).resolve("policies"));
  }

  /**
   * Refuses a name that is not dot-separated safe components (no empty part, no {@code ..}, no
   * {@code /}).
   */
  public static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw XmException.badInput("a policy name may not be empty");
    }
    for (String c : name.split("\\.", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw XmException.badInput(
            "invalid policy name '"
                + name
                + "': use dot-separated parts of letters, digits, '_' and '-'"
                + " (like example.test), never an empty part, '..' or '/'");
      }
    }
    return name;
  }

  public Path xml(String policy) {
    return base(policy, FILE_SUFFIX);
  }

  public Path map(String policy) {
    return base(policy, ".map");
  }

  public Path bin(String policy) {
    return base(policy, ".bin");
  }

  private Path base(String policy, String suffix) {
    String[] parts = checkName(policy).split("\\.");
    Path dir = root;
    for (int i = 0; i < parts.length - 1; i++) {
      dir = dir.resolve(parts[i]);
    }
    return dir.resolve(parts[parts.length - 1] + suffix);
  }
}
