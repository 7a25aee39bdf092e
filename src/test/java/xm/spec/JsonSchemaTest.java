package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xm.cli.Env;
import xm.cli.Main;

class JsonSchemaTest {
  @Test
  void the_published_schema_is_the_one_the_reader_uses() throws IOException {
    StringWriter out = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of(),
            Path.of("."),
            java.io.InputStream.nullInputStream(),
            false);
    assertEquals(0, Main.run(new String[] {"schema"}, env));
    assertEquals(
        Files.readString(Path.of("docs/xm-spec.schema.json")),
        out.toString(),
        "docs/xm-spec.schema.json is stale: regenerate it with 'bin/xm schema > docs/xm-spec.schema.json'");
  }

  @Test
  void every_domain_field_is_in_the_schema() {
    String schema = xm.cli.Json.write(JsonSchema.generate());
    for (Field f : SpecSchema.DOMAIN_SPEC) {
      assertTrue(schema.contains("\"" + f.name() + "\""), f.name());
    }
  }
}
