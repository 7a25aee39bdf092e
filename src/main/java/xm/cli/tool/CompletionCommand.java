package xm.cli.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm completion bash|zsh}: the completion script the build made from every subcommand's
 * option table (see xm.cli.docs.Completion); zsh runs the same script through bashcompinit.
 */
public final class CompletionCommand extends XmCommand {
  /** Where the build puts the script, in the jar. */
  public static final String RESOURCE = "/xm/docs/xm-completion.bash";

  @Override
  public Integer call() {
    requireArgs(1);
    if (!args.get(0).equals("bash") && !args.get(0).equals("zsh")) {
      throw new UsageException("completion takes bash or zsh");
    }
    String script;
    try (InputStream in = CompletionCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw XmException.error(
            "this xm was built without its completion script; build it with mvn package");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw XmException.error("cannot read the completion script: " + e.getMessage());
    }
    if (args.get(0).equals("zsh")) {
      // picocli's script runs in zsh through bashcompinit (it loads compinit and bashcompinit
      // itself)
      out().println("# xm completion for zsh: add 'source <(xm completion zsh)' to ~/.zshrc");
    }
    out().print(script);
    return 0;
  }
}
