package xm.cli.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import xm.cli.Main;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/**
 * {@code xm shell}: xm 3.4's interactive shell. Each line is an xm command line (a leading {@code
 * xm} is optional), split as a shell splits words; it runs in this process against the host the
 * shell was started for, and an error is printed without leaving the shell. {@code help [command]}
 * as {@code xm help}; end of input, {@code quit} or {@code exit} leaves it. The prompt {@code xm> }
 * is shown when the input is a terminal.
 */
public final class ShellCommand extends XmCommand {
  /** The longest line the shell takes (a command line, not a file). */
  static final int MAX_LINE = 1 << 16;

  @Override
  public Integer call() {
    requireArgs(0);
    boolean prompt = env.in() == System.in && System.console() != null;
    BufferedReader in = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
    List<String> global = new ArrayList<>();
    if (debug) {
      global.add("--debug"); // as given to xm shell, so to each of its commands
    }
    if (backends().hostChosen()) {
      global.add("--host");
      global.add(backends().hostName());
    }
    while (true) {
      if (prompt) {
        out().print("xm> ");
        out().flush();
      }
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw xm.diag.XmException.error("xm shell: cannot read the input: " + e.getMessage());
      }
      if (line == null) {
        if (prompt) {
          out().println();
        }
        return 0;
      }
      List<String> words;
      try {
        words = split(line);
      } catch (UsageException e) {
        err().println("*** " + e.getMessage());
        continue;
      }
      if (!words.isEmpty() && words.get(0).equals("xm")) {
        words = words.subList(1, words.size());
      }
      if (words.isEmpty()) {
        continue;
      }
      String first = words.get(0);
      if (first.equals("quit") || first.equals("exit") || first.equals("EOF")) {
        return 0;
      }
      if (!first.startsWith("-")
          && !first.equals("help")
          && xm.cli.CommandTable.resolve(first) == null) {
        env.err().println("*** Unknown command: " + xm.diag.SafeText.errorLine(first));
        continue;
      }
      if (first.equals("shell")) {
        err().println("*** Already in the xm shell");
        continue;
      }
      List<String> argv = new ArrayList<>(global);
      argv.addAll(words);
      Main.run(argv.toArray(new String[0]), env);
    }
  }

  /** The words of {@code line}, as a POSIX shell splits them: quotes, backslashes, no expansion. */
  public static List<String> split(String line) {
    if (line.length() > MAX_LINE) {
      throw new UsageException("line too long (more than " + MAX_LINE + " characters)");
    }
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < line.length()
            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          w.append(line.charAt(++i));
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && !inWord) {
        break; // a comment
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UsageException("No closing quotation");
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }
}
