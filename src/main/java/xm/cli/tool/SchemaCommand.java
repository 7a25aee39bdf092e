package xm.cli.tool;

import xm.cli.Json;
import xm.cli.XmCommand;
import xm.spec.JsonSchema;

/** {@code xm schema}: the JSON Schema of spec documents (also in docs/xm-spec.schema.json). */
public final class SchemaCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    out().print(Json.write(JsonSchema.generate()));
    return 0;
  }
}
