package xm.cli.declare;

import java.util.List;
import java.util.Map;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.plan.PlanOptions;
import xm.plan.Scopes;

/**
 * {@code xm adopt [--scope NAME] <Domain> ...}: let xm's reconciler manage domains made by hand, or
 * move domains another scope manages into this one.
 */
public final class AdoptCommand extends XmCommand {
  static final Opt SCOPE =
      Opt.value(null, "--scope", "<name>", "The spec set that will manage them (default: default)");

  @Override
  protected List<Opt> options() {
    return List.of(SCOPE);
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm adopt' needs at least one domain");
    }
    String scope = value(SCOPE, PlanOptions.DEFAULT_SCOPE);
    if (!Scopes.isValid(scope)) {
      throw new UsageException(
          "invalid scope '" + scope + "': use up to 63 letters, digits, '.', '-' and '_'");
    }
    for (String d : args) {
      host().annotate(d, Boolean.TRUE, Map.of(Scopes.KEY, scope), origin);
    }
    return 0;
  }
}
