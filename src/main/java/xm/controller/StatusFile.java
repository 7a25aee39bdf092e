package xm.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import xm.diag.XmException;
import xm.files.AtomicFiles;

/**
 * The controller's status, one JSON file per instance under {@code XM_HOME/controller/}, written
 * (atomically) after every pass and read by {@code xm controller status}; written and read with
 * Jackson.
 */
public final class StatusFile {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What one instance reports. */
  public record Snapshot(
      String instance,
      long pid,
      String source,
      String revision,
      String specError,
      String sourceError,
      long intervalSeconds,
      String updated,
      List<HostStatus> hosts) {}

  private final Path file;

  public StatusFile(Path dir, String instance) {
    this.file = dir.resolve("status-" + instance.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
  }

  /** {@code value} as the status files and /status write it. */
  public static String json(Object value) throws IOException {
    return JSON.writeValueAsString(value);
  }

  synchronized void write(Snapshot s) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.replace(file, JSON.writeValueAsBytes(s));
    } catch (IOException e) {
      // the status is a report; a pass does not fail because it cannot be written
    }
  }

  /**
   * Every instance's last report in {@code dir}, newest first; unreadable files are skipped and
   * named.
   */
  public static List<Snapshot> readAll(Path dir, List<String> unreadable) {
    List<Snapshot> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files
              .filter(f -> f.getFileName().toString().matches("status-.*\\.json"))
              .sorted()
              .toList()) {
        try {
          out.add(JSON.readValue(p.toFile(), Snapshot.class));
        } catch (IOException e) {
          unreadable.add(
              p.getFileName() + ": " + xm.diag.SafeText.oneLine(String.valueOf(e.getMessage())));
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw XmException.error("cannot read " + dir + ": " + e.getMessage());
    }
    out.sort((a, b) -> String.valueOf(b.updated()).compareTo(String.valueOf(a.updated())));
    return out;
  }
}
