package xm.plan;

/**
 * What a change does to a domain (or host, policy, resource labels); the glyph is what plan output
 * shows, as in Terraform.
 */
public enum Action {
  CREATE("+", "create", Phase.DOMAINS),
  UPDATE("~", "update in place", Phase.DOMAINS),
  REPLACE("-/+", "replace", Phase.DOMAINS),
  MIGRATE(">", "migrate", Phase.DOMAINS),
  STOP("-", "stop", Phase.FREE),
  DESTROY("-", "destroy", Phase.FREE),
  ADOPT("@", "adopt", Phase.DOMAINS),
  PENDING("!", "pending restart", Phase.NONE),
  ORPHAN("?", "not in the specs", Phase.NONE),
  CREATE_HOST("+", "create host", Phase.HOSTS),
  LOAD_POLICY("~", "load policy", Phase.ACCESS),
  LABEL_RESOURCES("~", "label resources", Phase.ACCESS),
  NOOP("=", "in sync", Phase.NONE);

  private final String glyph;
  private final String verb;
  private final Phase phase;

  Action(String glyph, String verb, Phase phase) {
    this.glyph = glyph;
    this.verb = verb;
    this.phase = phase;
  }

  /** When a change with this action runs (see {@link Schedule}). */
  public Phase phase() {
    return phase;
  }

  public String glyph() {
    return glyph;
  }

  public String verb() {
    return verb;
  }
}
