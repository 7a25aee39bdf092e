package xm.cli.acm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.Env;
import xm.config.DeviceSpecs;
import xm.config.py.ConfigScript;
import xm.diag.XmException;
import xm.files.AtomicFiles;
import xm.files.BoundedReads;
import xm.hypervisor.SecurityLabel;

/**
 * What the file-only access control commands share: finding and reading policies, and labels in
 * config files.
 */
final class AcmFiles {
  private AcmFiles() {}

  /** A policy read from its XML, with the file's bytes (for the {@code .bin} digest). */
  record Loaded(String name, Path xml, byte[] bytes, SecurityPolicy policy) {}

  static PolicyPaths paths(Env env) {
    return PolicyPaths.from(env.vars());
  }

  /**
   * The policy a command names, or, with none named, the active one; there is no active policy here
   * (loading policies is the host's part), so that is an error naming the fix.
   */
  static String policyOrActive(
      String named, String command, java.util.function.Supplier<xm.hypervisor.Hypervisor> host) {
    if (named != null) {
      return PolicyPaths.checkName(named);
    }
    java.util.Optional<xm.acm.SecurityPolicy> active = host.get().activePolicy();
    if (active.isPresent()) {
      return active.get().name();
    }
    throw XmException.badInput(
        "No policy active, you must specify a <policy> (e.g. 'xm " + command + " example.web')");
  }

  /** Reads and checks policy {@code name}; its header must name the same policy. */
  static Loaded load(Env env, String name) {
    PolicyPaths paths = paths(env);
    Path xml = paths.xml(name);
    byte[] bytes;
    try {
      bytes = BoundedReads.read(xml, (int) PolicyXml.MAX_BYTES);
    } catch (BoundedReads.TooLarge e) {
      throw XmException.badInput(
          xml
              + ": a policy file is at most "
              + BoundedReads.describe(PolicyXml.MAX_BYTES)
              + "; is it the right file?");
    } catch (NoSuchFileException e) {
      throw XmException.badInput(
          "Policy '"
              + name
              + "' not found: no file "
              + xml
              + " (policies live under "
              + paths.root()
              + "; set XM_POLICY_ROOT to use another directory)");
    } catch (IOException e) {
      throw XmException.badInput(xml + ": cannot read the policy file: " + e.getMessage());
    }
    SecurityPolicy p = PolicyXml.read(xml.toString(), bytes);
    if (!p.name().equals(name)) {
      throw XmException.badInput(
          xml
              + ": the policy is named '"
              + p.name()
              + "' in its PolicyHeader, not '"
              + name
              + "'; rename the file or fix its PolicyName");
    }
    return new Loaded(name, xml, bytes, p);
  }

  /** A domain config file: exists, is a regular file. */
  static Path configFile(Env env, String name) {
    Path f = env.cwd().resolve(name).normalize();
    if (!Files.exists(f)) {
      throw XmException.badInput("Unable to open config file: " + name + " (no such file)");
    }
    if (!Files.isRegularFile(f)) {
      throw XmException.badInput(name + " is not a regular file; name a domain config file");
    }
    return f;
  }

  static String text(Path f) {
    try {
      return new String(BoundedReads.read(f, 1 << 20), StandardCharsets.UTF_8);
    } catch (BoundedReads.TooLarge e) {
      throw XmException.badInput(
          "Unable to open config file: "
              + e.getMessage()
              + " (a config file is at most that; is it the right file?)");
    } catch (IOException e) {
      throw XmException.badInput("Unable to open config file: " + f + " (" + e.getMessage() + ")");
    }
  }

  /** The label a config file holds, or null; the file must run as a config. */
  static SecurityLabel label(Path f, String text) {
    ConfigScript.Result r = ConfigScript.run(f.toString(), text, java.util.Map.of());
    Object ac = r.variables().get("access_control");
    if (ac == null) {
      return null;
    }
    List<Object> items = ac instanceof List<?> l ? List.copyOf(l) : List.of(ac);
    if (items.size() != 1) {
      throw XmException.badInput(
          f
              + ": access_control must hold exactly one 'policy=P,label=L' (it holds "
              + items.size()
              + ")");
    }
    return DeviceSpecs.accessControl(ConfigScript.str(items.get(0)));
  }

  /**
   * Replaces {@code f}'s content atomically, keeping its permissions (and a symbolic link pointing
   * where it did).
   */
  static void rewrite(Path f, String text) {
    try {
      Path real = f.toRealPath();
      Set<PosixFilePermission> perms = null;
      try {
        perms = Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      AtomicFiles.replace(real, text.getBytes(StandardCharsets.UTF_8));
      if (perms != null) {
        Files.setPosixFilePermissions(real, perms);
      }
    } catch (IOException e) {
      throw XmException.badInput("Cannot write " + f + ": " + e.getMessage());
    }
  }
}
