package xm.cli.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.config.CfgWriter;
import xm.config.XmConfigFile;
import xm.diag.XmException;
import xm.spec.DomainSpec;
import xm.spec.PolicyDoc;
import xm.spec.PolicyWriter;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;
import xm.spec.SpecWriter;

/**
 * {@code xm convert FILE [name=value ...]}: an xmdomain.cfg file becomes a spec document (kind:
 * Domain); a spec file (.yaml/.yml) becomes an xmdomain.cfg file. A policy XML file (.xml) becomes
 * a kind: SecurityPolicy document, and such a document becomes policy XML.
 */
public final class ConvertCommand extends XmCommand {
  static final Opt NAME =
      Opt.value(
          null, "--name", "<domain>", "The domain to convert when a spec file declares several");

  @Override
  protected List<Opt> options() {
    return List.of(NAME);
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm convert' needs a config file or a spec file");
    }
    String file = args.get(0);
    if (file.endsWith(".xml")) {
      if (args.size() > 1) {
        throw new UsageException("name=value overrides apply to config files, not to policies");
      }
      Path p = env.cwd().resolve(file);
      SecurityPolicy policy = PolicyXml.read(p);
      out().print(PolicyWriter.yaml(policy, "Converted by xm convert from " + file));
      return 0;
    }
    boolean yaml = file.endsWith(".yaml") || file.endsWith(".yml") || file.equals("-");
    if (!yaml) {
      Path p = env.cwd().resolve(file);
      if (!Files.exists(p)) {
        throw XmException.badInput("Unable to open config file: " + file);
      }
      var loaded = XmConfigFile.load(p, args.subList(1, args.size()), env.cwd());
      out()
          .print(
              SpecWriter.yaml(
                  loaded.config().withUuid(null), null, "Converted by xm convert from " + file));
      return 0;
    }
    if (args.size() > 1) {
      throw new UsageException("name=value overrides apply to config files, not to specs");
    }
    SpecSet set = SpecLoader.load(List.of(file), env.cwd(), env.in(), false);
    String wanted = value(NAME, null);
    List<PolicyDoc> policies =
        set.policies().stream()
            .filter(d -> wanted == null || d.policy().name().equals(wanted))
            .toList();
    if (set.domains().isEmpty() && set.policies().size() == 1 && policies.size() == 1) {
      out().print(PolicyXml.write(policies.get(0).policy()));
      return 0;
    }
    if (set.domains().isEmpty() && policies.size() > 1) {
      throw XmException.badInput(
          file + " declares " + policies.size() + " policies; choose one with --name");
    }
    if (!policies.isEmpty() && wanted != null) {
      if (policies.size() > 1) {
        throw XmException.badInput(
            file + " declares policy '" + wanted + "' " + policies.size() + " times");
      }
      out().print(PolicyXml.write(policies.get(0).policy()));
      return 0;
    }
    List<DomainSpec> doms =
        set.domains().stream().filter(d -> wanted == null || d.name().equals(wanted)).toList();
    if (doms.size() != 1) {
      throw XmException.badInput(
          doms.isEmpty()
              ? "no domain " + (wanted == null ? "" : "'" + wanted + "' ") + "in " + file
              : file + " declares " + doms.size() + " domains; choose one with --name");
    }
    out().print(CfgWriter.cfg(doms.get(0).config(), "Converted by xm convert from " + file));
    return 0;
  }
}
