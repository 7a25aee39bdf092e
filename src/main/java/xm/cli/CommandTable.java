package xm.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Every subcommand: its name, section, argument synopsis and one-line description, and how to make
 * it. Building a command loads only that command's class, which keeps start-up short.
 */
public final class CommandTable {

  /** One subcommand as help lists it. */
  public record Entry(
      String name, Section section, String synopsis, String description, boolean common) {}

  private static final List<Entry> ENTRIES =
      List.of(
          // domain commands, in the man page's order
          new Entry(
              "console",
              Section.DOMAIN,
              "[-q|--quiet] [-f|--follow|--no-follow] <Domain>",
              "Attach to <Domain>'s console.",
              true),
          new Entry(
              "vncviewer",
              Section.DOMAIN,
              "[--vncviewer-autopass] <Domain>",
              "Attach to <Domain>'s VNC server.",
              true),
          new Entry(
              "create",
              Section.DOMAIN,
              "<ConfigFile> [options] [vars]",
              "Create a domain based on <ConfigFile>.",
              true),
          new Entry(
              "new",
              Section.DOMAIN,
              "<ConfigFile> [options] [vars]",
              "Adds a domain to Xend domain management",
              true),
          new Entry(
              "delete",
              Section.DOMAIN,
              "<DomainName>",
              "Remove a domain from Xend domain management.",
              true),
          new Entry("destroy", Section.DOMAIN, "<Domain>", "Terminate a domain immediately.", true),
          new Entry(
              "domid",
              Section.DOMAIN,
              "<DomainName>",
              "Convert a domain name to domain id.",
              false),
          new Entry(
              "domname", Section.DOMAIN, "<DomId>", "Convert a domain id to domain name.", false),
          new Entry("help", Section.DOMAIN, "[--long]", "Display this message.", true),
          new Entry(
              "list",
              Section.DOMAIN,
              "[options] [Domain, ...]",
              "List information about all/some domains.",
              true),
          new Entry(
              "mem-max",
              Section.DOMAIN,
              "<Domain> <Mem> [--hold DURATION]",
              "Set the maximum amount reservation for a domain.",
              false),
          new Entry(
              "mem-set",
              Section.DOMAIN,
              "<Domain> <Mem> [--hold DURATION]",
              "Set the current memory usage for a domain.",
              true),
          new Entry(
              "migrate",
              Section.DOMAIN,
              "<Domain> <Host> [-l|--live] [-r|--resource <Mbs>]",
              "Migrate a domain to another machine.",
              true),
          new Entry(
              "pause",
              Section.DOMAIN,
              "<Domain> [--hold DURATION]",
              "Pause execution of a domain.",
              true),
          new Entry("reboot", Section.DOMAIN, "<Domain> [-wa]", "Reboot a domain.", true),
          new Entry(
              "restore",
              Section.DOMAIN,
              "<CheckpointFile> [-p]",
              "Restore a domain from a saved state.",
              true),
          new Entry(
              "resume",
              Section.DOMAIN,
              "<DomainName> [-p|--paused]",
              "Resume a Xend managed domain",
              true),
          new Entry(
              "save",
              Section.DOMAIN,
              "[-c|--checkpoint] <Domain> <CheckpointFile>",
              "Save a domain state to restore later.",
              true),
          new Entry("shell", Section.DOMAIN, "", "Launch an interactive shell.", true),
          new Entry(
              "rename", Section.DOMAIN, "<Domain> <NewDomainName>", "Rename a domain.", false),
          new Entry("reset", Section.DOMAIN, "<Domain>", "Reset a domain.", true),
          new Entry(
              "dump-core",
              Section.DOMAIN,
              "[-L|--live] [-C|--crash] [-R|--reset] <Domain> [Filename]",
              "Dump core for a specific domain.",
              true),
          new Entry(
              "trigger",
              Section.DOMAIN,
              "<Domain> <nmi|reset|init|s3resume|power> [<VCPU>]",
              "Send a trigger to a domain.",
              false),
          new Entry("shutdown", Section.DOMAIN, "<Domain> [-waH]", "Shutdown a domain.", true),
          new Entry(
              "start",
              Section.DOMAIN,
              "<DomainName> [-p|--paused]",
              "Start a Xend managed domain",
              true),
          new Entry(
              "suspend", Section.DOMAIN, "<DomainName>", "Suspend a Xend managed domain", true),
          new Entry(
              "sysrq", Section.DOMAIN, "<Domain> <letter>", "Send a sysrq to a domain.", false),
          new Entry(
              "top",
              Section.DOMAIN,
              "[-b] [-d <secs>] [-i <n>]",
              "Monitor a host and the domains in real time.",
              true),
          new Entry(
              "unpause",
              Section.DOMAIN,
              "<Domain> [--hold DURATION]",
              "Unpause a paused domain.",
              true),
          new Entry(
              "uptime",
              Section.DOMAIN,
              "[-s] [Domain, ...]",
              "Print uptime for all/some domains.",
              true),
          new Entry(
              "vcpu-list",
              Section.DOMAIN,
              "[Domain, ...]",
              "List the VCPUs for all/some domains.",
              false),
          new Entry(
              "vcpu-pin",
              Section.DOMAIN,
              "<Domain> <VCPU|all> <CPUs|all>",
              "Set which CPUs a VCPU can use.",
              false),
          new Entry(
              "vcpu-set",
              Section.DOMAIN,
              "<Domain> <vCPUs> [--hold DURATION]",
              "Set the number of active VCPUs allowed for the domain.",
              true),
          // virtual device commands
          new Entry(
              "block-attach",
              Section.DEVICES,
              "<Domain> <BackDev> <FrontDev> <Mode> [BackDomain] [--hold DURATION]",
              "Create a new virtual block device.",
              false),
          new Entry(
              "block-detach",
              Section.DEVICES,
              "<Domain> <DevId> [-f|--force] [--hold DURATION]",
              "Destroy a domain's virtual block device.",
              false),
          new Entry(
              "block-configure",
              Section.DEVICES,
              "<Domain> <BackDev> <FrontDev> <Mode> [BackDomain]",
              "Change block device configuration",
              false),
          new Entry(
              "block-list",
              Section.DEVICES,
              "<Domain> [--long]",
              "List virtual block devices for a domain.",
              false),
          new Entry(
              "network-attach",
              Section.DEVICES,
              "<Domain> [type=<type>] [mac=<mac>] [bridge=<bridge>] [ip=<ip>] [script=<script>] [backend=<BackDomain>] [vifname=<name>] [rate=<rate>] [model=<model>] [accel=<accel>] [--hold DURATION]",
              "Create a new virtual network device.",
              false),
          new Entry(
              "network-detach",
              Section.DEVICES,
              "<Domain> <DevId> [-f|--force] [--hold DURATION]",
              "Destroy a domain's virtual network device.",
              false),
          new Entry(
              "network-list",
              Section.DEVICES,
              "<Domain> [--long]",
              "List virtual network interfaces for a domain.",
              false),
          new Entry(
              "vtpm-list",
              Section.DEVICES,
              "<Domain> [--long]",
              "List virtual TPM devices.",
              false),
          new Entry(
              "pci-attach",
              Section.DEVICES,
              "[-o|--options=<opt>] <Domain> <domain:bus:slot.func> [virtual slot]",
              "Insert a new pass-through pci device.",
              false),
          new Entry(
              "pci-detach",
              Section.DEVICES,
              "<Domain> <domain:bus:slot.func>",
              "Remove a domain's pass-through pci device.",
              false),
          new Entry(
              "pci-list",
              Section.DEVICES,
              "<Domain>",
              "List pass-through pci devices for a domain.",
              false),
          new Entry(
              "pci-list-assignable-devices",
              Section.DEVICES,
              "",
              "List all the assignable pci devices",
              false),
          new Entry(
              "scsi-attach",
              Section.DEVICES,
              "<Domain> <PhysDevice> <VirtDevice> [BackDomain]",
              "Attach a new SCSI device.",
              false),
          new Entry(
              "scsi-detach",
              Section.DEVICES,
              "<Domain> <VirtDevice>",
              "Detach a specified SCSI device.",
              false),
          new Entry(
              "scsi-list",
              Section.DEVICES,
              "<Domain> [--long]",
              "List all SCSI devices currently attached.",
              false),
          new Entry("vnet-list", Section.DEVICES, "[-l|--long]", "List Vnets.", false),
          new Entry(
              "vnet-create",
              Section.DEVICES,
              "<ConfigFile>",
              "Create a vnet from ConfigFile.",
              false),
          new Entry("vnet-delete", Section.DEVICES, "<VnetId>", "Delete a Vnet.", false),
          // host commands
          new Entry("debug-keys", Section.HOST, "<Keys>", "Send debug keys to Xen.", false),
          new Entry(
              "dmesg",
              Section.HOST,
              "[-c|--clear]",
              "Read and/or clear Xen's message buffer.",
              false),
          new Entry(
              "info", Section.HOST, "[-o text|json]", "Get information about Xen host.", false),
          new Entry("log", Section.HOST, "", "Print Xend log.", false),
          new Entry("serve", Section.HOST, "", "Proxy Xend XMLRPC over stdio.", false),
          new Entry(
              "sched-credit",
              Section.SCHEDULER,
              "[-d <Domain> [-w[=WEIGHT]|-c[=CAP]]]",
              "Get/set credit scheduler parameters.",
              false),
          new Entry(
              "sched-sedf",
              Section.SCHEDULER,
              "<Domain> [options]",
              "Get/set EDF parameters.",
              false),
          // access control commands on files (issue #9)
          new Entry(
              "makepolicy",
              Section.ACCESS,
              "<policy>",
              "Build the .map and .bin of a policy.",
              false),
          new Entry(
              "labels",
              Section.ACCESS,
              "[policy] [type=dom|res|any]",
              "List the labels of a policy.",
              false),
          // declarative commands
          new Entry(
              "loadpolicy",
              Section.ACCESS,
              "<policy>",
              "Load binary policy into hypervisor.",
              false),
          new Entry(
              "cfgbootpolicy",
              Section.ACCESS,
              "<policy> [kernelversion]",
              "Add policy to boot configuration.",
              false),
          new Entry(
              "setpolicy",
              Section.ACCESS,
              "<policytype> <policyname>",
              "Set the policy of the system.",
              false),
          new Entry(
              "getpolicy", Section.ACCESS, "[--dumpxml]", "Get the policy of the system.", false),
          new Entry(
              "resetpolicy",
              Section.ACCESS,
              "",
              "Set the policy of the system to the default policy.",
              false),
          new Entry(
              "dumppolicy", Section.ACCESS, "", "Print hypervisor ACM state information.", false),
          new Entry(
              "addlabel",
              Section.ACCESS,
              "<label> {dom <ConfigFile>|res <resource>} [<policy>]",
              "Add security label to domain.",
              false),
          new Entry(
              "rmlabel",
              Section.ACCESS,
              "{dom <ConfigFile>|res <Resource>}",
              "Remove a security label from domain.",
              false),
          new Entry(
              "getlabel",
              Section.ACCESS,
              "{dom <ConfigFile>|res <Resource>}",
              "Show security label for domain or resource.",
              false),
          new Entry("resources", Section.ACCESS, "", "Show info for each labeled resource.", false),
          new Entry(
              "dry-run",
              Section.ACCESS,
              "<ConfigFile>",
              "Test if a domain can access its resources.",
              false),
          new Entry(
              "apply",
              Section.DECLARATIVE,
              "(-f <specs> | --plan <file>) [--scope S] [--target D] [--dry-run] [--prune [--allow-empty]] [--allow-restart] [--adopt] [--lock-timeout SECS] [-o json]",
              "Make the hosts match the specs.",
              true),
          new Entry(
              "diff",
              Section.DECLARATIVE,
              "-f <specs> [--scope S] [--target D] [--prune [--allow-empty]] [--allow-restart] [--adopt] [-o FORMAT[=FILE]]... [--save-plan <file>]",
              "Report drift between the specs and the hosts.",
              true),
          new Entry(
              "adopt",
              Section.DECLARATIVE,
              "[--scope S] <Domain> ...",
              "Let xm manage domains made by hand (or move them to a scope).",
              false),
          new Entry(
              "override",
              Section.DECLARATIVE,
              "list [-f <specs>] [Domain] | release <Domain> [Field ...]",
              "List or release fields held against xm apply.",
              false),
          new Entry(
              "controller",
              Section.DECLARATIVE,
              "run (-f <dir> | --git <url> [--branch B] [--path P]) [--scope S] [--interval 30s] [--prune] [--listen ADDR:PORT] [--cluster JDBC_URL] | status [-o json]",
              "Keep the hosts converged to specs from a directory or git (a loop).",
              false),
          // the tool itself
          new Entry(
              "host",
              Section.TOOL,
              "init|list|advance|reboot [options]",
              "Make, list and drive simulated hosts.",
              false),
          new Entry(
              "convert",
              Section.DECLARATIVE,
              "<file.cfg> [name=value ...] | <file.yaml> [--name <domain>]",
              "Convert an xmdomain.cfg file to a spec document, or back.",
              false),
          new Entry(
              "schema",
              Section.TOOL,
              "",
              "Print the JSON Schema of spec documents, for editors.",
              false),
          new Entry(
              "completion",
              Section.TOOL,
              "bash|zsh",
              "Print a bash or zsh completion script for xm.",
              false),
          new Entry("version", Section.TOOL, "", "Print xm's version.", false));

  /** Deprecated names and what they stand for. */
  private static final String[][] ALIASES = {
    {"balloon", "mem-set"}, {"set-vcpus", "vcpu-set"}, {"vif-list", "network-list"},
    {"vbd-create", "block-attach"}, {"vbd-destroy", "block-detach"}, {"vbd-list", "block-list"},
  };

  private CommandTable() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  public static Entry entry(String name) {
    for (Entry e : ENTRIES) {
      if (e.name.equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** A resolved subcommand name, and the deprecated alias used to reach it, if any. */
  public record Resolved(String name, String alias) {}

  /**
   * Resolves a typed name: exact, a deprecated alias, or a unique prefix (as xm did); null if none.
   */
  public static Resolved resolve(String typed) {
    if (entry(typed) != null) {
      return new Resolved(typed, null);
    }
    for (String[] a : ALIASES) {
      if (a[0].equals(typed) && entry(a[1]) != null) {
        return new Resolved(a[1], typed);
      }
    }
    if (typed.length() > 1) {
      List<String> matches = new ArrayList<>();
      for (Entry e : ENTRIES) {
        if (e.name.startsWith(typed)) {
          matches.add(e.name);
        }
      }
      if (matches.size() == 1) {
        return new Resolved(matches.get(0), null);
      }
    }
    return null;
  }

  /** A new instance of the command class for {@code name}. */
  static XmCommand create(String name) {
    return newCommand(name);
  }

  /** A new, unconfigured instance of the command class for {@code name}. */
  public static XmCommand newCommand(String name) {
    return switch (name) {
      case "console" -> new xm.cli.domain.ConsoleCommand();
      case "create" -> new xm.cli.domain.CreateCommand();
      case "destroy" -> new xm.cli.domain.DestroyCommand();
      case "domid" -> new xm.cli.domain.DomidCommand();
      case "domname" -> new xm.cli.domain.DomnameCommand();
      case "help" -> new xm.cli.tool.HelpCommand();
      case "list" -> new xm.cli.domain.ListCommand();
      case "mem-max" -> new xm.cli.domain.MemMaxCommand();
      case "mem-set" -> new xm.cli.domain.MemSetCommand();
      case "migrate" -> new xm.cli.domain.MigrateCommand();
      case "pause" -> new xm.cli.domain.PauseCommand();
      case "reboot" -> new xm.cli.domain.RebootCommand();
      case "restore" -> new xm.cli.domain.RestoreCommand();
      case "save" -> new xm.cli.domain.SaveCommand();
      case "shutdown" -> new xm.cli.domain.ShutdownCommand();
      case "sysrq" -> new xm.cli.domain.SysrqCommand();
      case "top" -> new xm.cli.domain.TopCommand();
      case "unpause" -> new xm.cli.domain.UnpauseCommand();
      case "uptime" -> new xm.cli.domain.UptimeCommand();
      case "vcpu-list" -> new xm.cli.domain.VcpuListCommand();
      case "vcpu-pin" -> new xm.cli.domain.VcpuPinCommand();
      case "vcpu-set" -> new xm.cli.domain.VcpuSetCommand();
      case "block-attach" -> new xm.cli.device.BlockAttachCommand();
      case "block-detach" -> new xm.cli.device.BlockDetachCommand();
      case "block-list" -> new xm.cli.device.BlockListCommand();
      case "block-configure" -> new xm.cli.device.BlockConfigureCommand();
      case "network-attach" -> new xm.cli.device.NetworkAttachCommand();
      case "network-detach" -> new xm.cli.device.NetworkDetachCommand();
      case "network-list" -> new xm.cli.device.NetworkListCommand();
      case "vtpm-list" -> new xm.cli.device.VtpmListCommand();
      case "dmesg" -> new xm.cli.host.DmesgCommand();
      case "info" -> new xm.cli.host.InfoCommand();
      case "log" -> new xm.cli.host.LogCommand();
      case "debug-keys" -> new xm.cli.host.DebugKeysCommand();
      case "pci-attach" -> new xm.cli.device.PciAttachCommand();
      case "vnet-list" -> new xm.cli.device.VnetListCommand();
      case "scsi-attach" -> new xm.cli.device.ScsiAttachCommand();
      case "scsi-detach" -> new xm.cli.device.ScsiDetachCommand();
      case "scsi-list" -> new xm.cli.device.ScsiListCommand();
      case "vnet-create" -> new xm.cli.device.VnetCreateCommand();
      case "vnet-delete" -> new xm.cli.device.VnetDeleteCommand();
      case "pci-detach" -> new xm.cli.device.PciDetachCommand();
      case "pci-list" -> new xm.cli.device.PciListCommand();
      case "pci-list-assignable-devices" -> new xm.cli.device.PciListAssignableCommand();
      case "rename" -> new xm.cli.domain.RenameCommand();
      case "reset" -> new xm.cli.domain.ResetCommand();
      case "new" -> new xm.cli.domain.NewCommand();
      case "start" -> new xm.cli.domain.StartCommand();
      case "delete" -> new xm.cli.domain.DeleteCommand();
      case "suspend" -> new xm.cli.domain.SuspendCommand();
      case "resume" -> new xm.cli.domain.ResumeCommand();
      case "trigger" -> new xm.cli.domain.TriggerCommand();
      case "dump-core" -> new xm.cli.domain.DumpCoreCommand();
      case "sched-credit" -> new xm.cli.host.SchedCreditCommand();
      case "sched-sedf" -> new xm.cli.host.SchedSedfCommand();
      case "makepolicy" -> new xm.cli.acm.MakepolicyCommand();
      case "labels" -> new xm.cli.acm.LabelsCommand();
      case "addlabel" -> new xm.cli.acm.AddlabelCommand();
      case "rmlabel" -> new xm.cli.acm.RmlabelCommand();
      case "getlabel" -> new xm.cli.acm.GetlabelCommand();
      case "host" -> new xm.cli.tool.HostCommand();
      case "loadpolicy" -> new xm.cli.host.LoadpolicyCommand();
      case "cfgbootpolicy" -> new xm.cli.host.CfgbootpolicyCommand();
      case "dumppolicy" -> new xm.cli.host.DumppolicyCommand();
      case "setpolicy" -> new xm.cli.host.SetpolicyCommand();
      case "getpolicy" -> new xm.cli.host.GetpolicyCommand();
      case "resetpolicy" -> new xm.cli.host.ResetpolicyCommand();
      case "resources" -> new xm.cli.host.ResourcesCommand();
      case "dry-run" -> new xm.cli.acm.DryrunCommand();
      case "apply" -> new xm.cli.declare.ApplyCommand();
      case "diff" -> new xm.cli.declare.DiffCommand();
      case "adopt" -> new xm.cli.declare.AdoptCommand();
      case "override" -> new xm.cli.declare.OverrideCommand();
      case "controller" -> new xm.cli.declare.ControllerCommand();
      case "completion" -> new xm.cli.tool.CompletionCommand();
      case "schema" -> new xm.cli.tool.SchemaCommand();
      case "convert" -> new xm.cli.tool.ConvertCommand();
      case "version" -> new xm.cli.tool.VersionCommand();
      case "shell" -> new xm.cli.tool.ShellCommand();
      case "serve" -> new xm.cli.tool.ServeCommand();
      case "vncviewer" -> new xm.cli.domain.VncviewerCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }
}
