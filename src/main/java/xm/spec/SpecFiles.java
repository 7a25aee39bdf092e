package xm.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads the texts of spec sources: files, directories (walked recursively for *.yaml and
 * *.yml, in sorted order) and standard input ({@code -}), within {@link SpecLimits}. Sizes are
 * checked from the file system before a byte is read, and every read is capped, so an endless
 * source (a device, a pipe, standard input) is refused at the limit rather than read until memory
 * runs out. Text must be UTF-8. Each problem names the file, what is wrong and the fix.
 */
final class SpecFiles {
  private final Path cwd;
  private final InputStream stdin;
  private final SpecLimits limits;
  private final List<String> problems;
  private long total;
  private int count;

  /** Set once a limit of the whole set is reached: nothing more is read. */
  private boolean full;

  SpecFiles(Path cwd, InputStream stdin, SpecLimits limits, List<String> problems) {
    this.cwd = cwd;
    this.stdin = stdin;
    this.limits = limits;
    this.problems = problems;
  }

  /** True once a limit of the whole set was reached (and reported): the set is refused unread. */
  boolean full() {
    return full;
  }

  /** The texts of one source (a file, a directory or "-"); problems go to the shared list. */
  List<SpecText> read(String src) {
    List<SpecText> out = new ArrayList<>();
    if (full) {
      return out;
    }
    if (src.equals("-")) {
      readStream("<stdin>", stdin, out);
      return out;
    }
    Path p = cwd.resolve(src).normalize();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      problems.add(src + ": no such file or directory");
      return out;
    } catch (IOException e) {
      problems.add("cannot read " + src + ": " + reason(e));
      return out;
    }
    if (attrs.isDirectory()) {
      readDirectory(src, p, out);
    } else {
      // A regular file, or a pipe or device (-f <(generate-specs)): read the same way, capped.
      readFile(display(p), p, attrs.isRegularFile() ? attrs.size() : 0, out);
    }
    return out;
  }

  private void readDirectory(String src, Path dir, List<SpecText> out) {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      Iterator<Path> it = s.iterator();
      while (it.hasNext()) {
        Path f = it.next();
        String n = f.getFileName() == null ? "" : f.getFileName().toString();
        if ((n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(f)) {
          found.add(f);
          if (count + found.size() > limits.maxFiles()) {
            problems.add(
                src
                    + ": more than "
                    + limits.maxFiles()
                    + " spec files, the most one command reads;"
                    + " apply a part at a time (e.g. one directory per --scope)");
            full = true;
            return;
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      String where =
          cause instanceof FileSystemException f && f.getFile() != null
              ? display(Path.of(f.getFile()))
              : src;
      problems.add("cannot read " + where + ": " + reason(cause));
      return;
    }
    if (found.isEmpty()) {
      problems.add(src + ": no .yaml or .yml files in this directory");
      return;
    }
    found.sort(null);
    // The sizes of the whole directory first: a set too large is refused before any file is read.
    long sum = 0;
    for (Path f : found) {
      try {
        sum += Files.size(f);
      } catch (IOException e) {
        // readFile reports it with its reason
      }
    }
    if (total + sum > limits.maxTotalBytes()) {
      tooMuch(src, total + sum);
      return;
    }
    for (Path f : found) {
      long size;
      try {
        size = Files.size(f);
      } catch (IOException e) {
        problems.add("cannot read " + display(f) + ": " + reason(e));
        continue;
      }
      readFile(display(f), f, size, out);
      if (full) {
        return;
      }
    }
  }

  private void readFile(String name, Path p, long size, List<SpecText> out) {
    if (size > limits.maxFileBytes()) {
      problems.add(
          name
              + ": "
              + SpecLimits.size(size)
              + " is more than the "
              + SpecLimits.size(limits.maxFileBytes())
              + " a spec file may hold; split it into several files");
      return;
    }
    try (InputStream in = Files.newInputStream(p)) {
      readStream(name, in, out);
    } catch (IOException e) {
      problems.add("cannot read " + name + ": " + reason(e));
    }
  }

  private void readStream(String name, InputStream in, List<SpecText> out) {
    long room = Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total);
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, room + 1));
    } catch (IOException e) {
      problems.add("cannot read " + name + ": " + reason(e));
      return;
    }
    if (bytes.length > limits.maxFileBytes()) {
      problems.add(
          name
              + ": more than the "
              + SpecLimits.size(limits.maxFileBytes())
              + " a spec file may hold; split it into several files");
      return;
    }
    if (total + bytes.length > limits.maxTotalBytes()) {
      tooMuch(name, -1);
      return;
    }
    if (++count > limits.maxFiles()) {
      problems.add(
          name
              + ": more than "
              + limits.maxFiles()
              + " spec files, the most one command reads;"
              + " apply a part at a time (e.g. one directory per --scope)");
      full = true;
      return;
    }
    total += bytes.length;
    String text = decode(name, bytes, problems);
    if (text != null) {
      out.add(new SpecText(name, text));
    }
  }

  private void tooMuch(String where, long bytes) {
    problems.add(
        where
            + ": the spec files come to "
            + (bytes < 0
                ? "more than " + SpecLimits.size(limits.maxTotalBytes())
                : SpecLimits.size(bytes))
            + ", more than the "
            + SpecLimits.size(limits.maxTotalBytes())
            + " one command reads; apply a part at a time (e.g. one directory per --scope)");
    full = true;
  }

  private String display(Path f) {
    return f.startsWith(cwd) && !f.equals(cwd) ? cwd.relativize(f).toString() : f.toString();
  }

  /**
   * The text of UTF-8 {@code bytes}, or null with a problem naming the first byte that is not
   * UTF-8, where it is (line:column and offset) and the fix.
   */
  static String decode(String name, byte[] bytes, List<String> problems) {
    xm.files.TextFiles.Decoded d = xm.files.TextFiles.utf8(name, bytes);
    if (d.problem() != null) {
      problems.add(d.problem());
    }
    return d.text();
  }

  /**
   * Why an I/O operation failed, in the words of the system (permission denied, not a directory).
   */
  static String reason(IOException e) {
    String r =
        xm.files.TextFiles.reason(
            e); // said mid-sentence here: "cannot read specs/x: not a directory"
    return r.length() > 1
            && Character.isUpperCase(r.charAt(0))
            && Character.isLowerCase(r.charAt(1))
        ? Character.toLowerCase(r.charAt(0)) + r.substring(1)
        : r;
  }
}
