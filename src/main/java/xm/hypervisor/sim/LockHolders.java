package xm.hypervisor.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xm.diag.SafeText;

/**
 * Who holds an OS file lock, asked of the kernel: {@code /proc/locks} names the pid holding a POSIX
 * ({@code fcntl}) lock on a file by device and inode, and {@code /proc/PID/cmdline} its command. So
 * a holder writes nothing to be found (taking the lock costs no more than before), and the answer
 * is right even for a holder that is stopped or hung. Where there is no {@code /proc} (not Linux)
 * the holder is simply unknown.
 */
final class LockHolders {
  /** The longest command shown: a holder with a huge command line still makes one short line. */
  static final int MAX_COMMAND = 120;

  private static final Path PROC_LOCKS = Path.of("/proc/locks");

  private LockHolders() {}

  /** A process holding a lock: its pid and its command, as people read it. */
  record Holder(long pid, String command) {
    /** "pid 1234 (xm apply -f specs/)", or "this process (pid 1234)". */
    String describe() {
      if (pid == ProcessHandle.current().pid()) {
        return "another operation of this process (pid " + pid + ")";
      }
      return "pid " + pid + (command.isEmpty() ? "" : " (" + command + ")");
    }
  }

  /** The process holding a POSIX lock on {@code file}, when the kernel says. */
  static Optional<Holder> of(Path file) {
    try {
      Object ino = Files.getAttribute(file, "unix:ino");
      Object dev = Files.getAttribute(file, "unix:dev");
      String key = device((Long) dev) + ":" + ino;
      try (BufferedReader r = Files.newBufferedReader(PROC_LOCKS, StandardCharsets.US_ASCII)) {
        String line;
        while ((line = r.readLine()) != null) {
          long pid = holderPid(line, key);
          if (pid > 0) {
            return Optional.of(new Holder(pid, command(pid)));
          }
        }
      }
    } catch (IOException | RuntimeException noProcOrNoFile) {
      // not Linux, no such file, or a format this does not know: the holder is unknown
    }
    return Optional.empty();
  }

  /**
   * The pid in a {@code /proc/locks} line of a granted POSIX lock on {@code key} ({@code
   * MAJ:MIN:INODE}, major and minor in hex as the kernel prints them), else -1. Waiters ({@code ->}
   * lines) and other kinds of lock are skipped.
   */
  static long holderPid(String line, String key) {
    String[] f = line.trim().split("\\s+");
    // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
    if (f.length < 6 || f[1].equals("->") || !f[1].equals("POSIX")) {
      return -1;
    }
    if (!sameFile(f[5], key)) {
      return -1;
    }
    try {
      return Long.parseLong(f[4]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean sameFile(String field, String key) {
    String[] a = field.split(":");
    String[] b = key.split(":");
    if (a.length != 3 || b.length != 3) {
      return false;
    }
    try {
      return Long.parseLong(a[0], 16) == Long.parseLong(b[0], 16)
          && Long.parseLong(a[1], 16) == Long.parseLong(b[1], 16)
          && Long.parseLong(a[2]) == Long.parseLong(b[2]);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Linux's {@code dev_t} as {@code /proc/locks} prints it: major and minor in hex. */
  private static String device(long dev) {
    long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    return Long.toHexString(major) + ":" + Long.toHexString(minor);
  }

  /**
   * The command of {@code pid} as people typed it: {@code xm apply -f specs/} for an xm process
   * (the words after its main class), else the whole command line; control characters escaped, at
   * most {@link #MAX_COMMAND} characters; empty when unknown.
   */
  static String command(long pid) {
    byte[] raw;
    try {
      raw = readAtMost(Path.of("/proc", Long.toString(pid), "cmdline"), 64 * 1024);
    } catch (IOException | RuntimeException gone) {
      return "";
    }
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == 0) {
        if (i > start) {
          words.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    List<String> shown = shortened(words);
    String text = SafeText.oneLine(String.join(" ", shown));
    return text.length() <= MAX_COMMAND ? text : text.substring(0, MAX_COMMAND - 3) + "...";
  }

  /**
   * {@code xm apply -f specs/} for an xm process (the words after its main class); for another Java
   * process its main class (or jar) and arguments without the JVM's options and class path; any
   * other command as it is.
   */
  static List<String> shortened(List<String> words) {
    int main = words.indexOf("xm.cli.Main");
    if (main >= 0) {
      List<String> out = new ArrayList<>(words.subList(main, words.size()));
      out.set(0, "xm");
      return out;
    }
    if (words.isEmpty() || !(words.get(0).equals("java") || words.get(0).endsWith("/java"))) {
      return words;
    }
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("-cp")
          || w.equals("-classpath")
          || w.equals("--class-path")
          || w.equals("-jar")) {
        i++;
        if (w.equals("-jar") && i < words.size()) {
          return prefixed(words.subList(i, words.size()));
        }
      } else if (!w.startsWith("-")) {
        return prefixed(words.subList(i, words.size()));
      }
    }
    return words;
  }

  private static List<String> prefixed(List<String> rest) {
    List<String> out = new ArrayList<>(rest.size() + 1);
    out.add("java");
    out.addAll(rest);
    return out;
  }

  private static byte[] readAtMost(Path file, int max) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return in.readNBytes(max);
    }
  }
}
