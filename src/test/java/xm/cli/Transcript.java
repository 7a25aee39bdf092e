package xm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a golden transcript: lines starting with {@code $ } are commands (optionally preceded by
 * {@code VAR=value} assignments, and {@code cat > FILE <<EOF ... EOF} writes a file; a command
 * ending in {@code > FILE} writes its standard output to FILE instead); the lines after a command
 * are what it must print: standard output as-is, standard error prefixed {@code 2> }, and {@code
 * [exit N]} when the exit code is not 0. Lines starting with {@code #} are comments. Each
 * transcript gets a fresh XM_HOME and working directory.
 */
final class Transcript {
  private Transcript() {}

  /** Runs {@code text} in {@code workDir} and returns the transcript as it actually came out. */
  static String run(String text, Path workDir) throws IOException {
    Map<String, String> vars = new HashMap<>();
    vars.put("XM_HOME", workDir.resolve("xm-home").toString());
    vars.put("XM_CONFIG_PATH", workDir.resolve("etc-xen").toString());
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("#") || (line.isEmpty() && i == lines.length - 1)) {
        if (line.startsWith("#")) {
          out.append(line).append('\n');
        }
        continue;
      }
      if (!line.startsWith("$ ")) {
        continue;
      }
      out.append(line).append('\n');
      String cmd = line.substring(2);
      if (cmd.startsWith("cat > ") && cmd.endsWith("<<EOF")) {
        String file = cmd.substring(6, cmd.length() - 5).trim();
        StringBuilder body = new StringBuilder();
        while (++i < lines.length && !lines[i].equals("EOF")) {
          body.append(lines[i]).append('\n');
          out.append(lines[i]).append('\n');
        }
        out.append("EOF\n");
        Path target = workDir.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, body.toString(), StandardCharsets.UTF_8);
        continue;
      }
      List<String> words = Shell.split(cmd);
      Map<String, String> env = new HashMap<>(vars);
      while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
        String w = words.remove(0);
        env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
      }
      if (words.isEmpty() || !words.get(0).equals("xm")) {
        throw new IllegalArgumentException("transcript commands must run xm: " + line);
      }
      Path redirect = null;
      if (words.size() > 2 && words.get(words.size() - 2).equals(">")) {
        redirect = workDir.resolve(words.remove(words.size() - 1));
        words.remove(words.size() - 1);
      }
      java.io.InputStream stdin = java.io.InputStream.nullInputStream();
      if (words.size() > 2 && words.get(words.size() - 2).equals("<")) {
        stdin =
            new java.io.ByteArrayInputStream(
                Files.readAllBytes(workDir.resolve(words.remove(words.size() - 1))));
        words.remove(words.size() - 1);
      }
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      Env ctx = new Env(new PrintWriter(o), new PrintWriter(e), env, workDir, stdin, false);
      int code = Main.run(words.subList(1, words.size()).toArray(new String[0]), ctx);
      if (redirect != null) {
        Files.createDirectories(redirect.getParent());
        Files.writeString(redirect, o.toString(), StandardCharsets.UTF_8);
      } else {
        out.append(o);
      }
      for (String errLine : e.toString().split("\n")) {
        if (!errLine.isEmpty()) {
          out.append("2> ").append(errLine).append('\n');
        }
      }
      if (code != 0) {
        out.append("[exit ").append(code).append("]\n");
      }
    }
    return out.toString();
  }
}
