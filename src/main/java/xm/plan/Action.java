package xm.plan;

/** What a change does to a domain; the glyph is what plan output shows, as in Terraform. */
public enum Action {
  CREATE("+", "create"),
  UPDATE("~", "update in place"),
  REPLACE("-/+", "replace"),
  MIGRATE(">", "migrate"),
  STOP("-", "stop"),
  DESTROY("-", "destroy"),
  ADOPT("@", "adopt"),
  PENDING("!", "pending restart"),
  ORPHAN("?", "not in the specs"),
  CREATE_HOST("+", "create host"),
  NOOP("=", "in sync");

  private final String glyph;
  private final String verb;

  Action(String glyph, String verb) {
    this.glyph = glyph;
    this.verb = verb;
  }

  public String glyph() {
    return glyph;
  }

  public String verb() {
    return verb;
  }
}
