package xm.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.config.XmConfigFile;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.PowerState;
import xm.hypervisor.VifSpec;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.Plan;
import xm.spec.DesiredState;
import xm.spec.DomainSpec;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;
import xm.spec.SpecWriter;

/**
 * Over generated domains made by hand ({@code xm create} with name=value words, PV and HVM, then
 * imperative changes: mem-set, mem-max, vcpu-set, pause, attaching and detaching devices), on the
 * default host and on another: the spec {@code xm list -o yaml} writes for each reads back through
 * {@link SpecLoader#parse} to the domain as it runs, in every field apply compares, and once the
 * domains are adopted, planning those specs finds nothing to do.
 */
class ExportRoundTripProperties {

  /** One domain made by hand: where, the words given to xm create, and what was typed after. */
  record Hand(String name, String host, boolean paused, List<String> words, List<String> changes) {}

  @Property(tries = 60)
  void an_exported_domain_reads_back_as_it_runs_and_adopting_it_plans_nothing(
      @ForAll("fleets") List<Hand> hands) throws Exception {
    try (Fleet fleet = new Fleet("a", "b")) {
      // labeled domains need an active policy that defines their labels (dom_HomeBanking and
      // dom_Fun, no conflict)
      xm.acm.SecurityPolicy policy =
          xm.acm.PolicyXml.read(Path.of("src/test/resources/acm/client_v1-lenient.xml"));
      fleet.host("a").loadPolicy(policy, "test");
      fleet.host("b").loadPolicy(policy, "test");
      StringBuilder all = new StringBuilder();
      for (Hand h : hands) {
        Hypervisor host = fleet.host(h.host());
        DomainConfig made = XmConfigFile.build("/dev/null", "", h.words(), Path.of("/"), "x");
        if (made.securityLabel()
            != null) { // a labeled domain's disks need a label its STE types meet
          for (xm.hypervisor.DiskSpec d : made.disks()) {
            if (!d.uname().isEmpty()) {
              String res = xm.hypervisor.ResourceLabels.canonical(d.uname());
              new xm.hypervisor.ResourceLabels(fleet.home)
                  .update(
                      m ->
                          m.put(
                              res,
                              new xm.hypervisor.ResourceLabels.Entry(
                                  res,
                                  policy.name(),
                                  made.securityLabel().label().replace("dom_", "res_"))));
            }
          }
        }
        host.create(made, h.paused(), "xm create");
        for (String change : h.changes()) {
          typeIn(host, h.name(), change);
        }
        DomainInfo running = host.domain(h.name());
        String yaml = SpecWriter.yaml(running, h.host().equals("a") ? null : h.host());
        DomainSpec spec = SpecLoader.parse(h.name() + ".yaml", yaml).domains().get(0);
        assertReadsBackAsRunning(running, spec, h + "\n" + yaml);
        host.annotate(h.name(), true, Map.of(), "xm adopt " + h.name());
        all.append(all.length() == 0 ? "" : "---\n").append(yaml);
      }
      SpecSet specs = SpecLoader.parse("exported.yaml", all.toString());
      Plan plan = fleet.plan(specs, false, false);
      assertFalse(plan.refused(), plan.problems() + "\n" + hands + "\n" + all);
      for (Change c : plan.changes()) {
        assertEquals(Action.NOOP, c.action(), c + "\n" + hands + "\n" + all);
        assertTrue(c.ops().isEmpty() && c.pending().isEmpty(), c.toString());
      }
    }
  }

  /** Every field apply compares (planner's DomainDiff), as the host reports it. */
  static void assertReadsBackAsRunning(DomainInfo d, DomainSpec s, String why) {
    DomainConfig c = d.config();
    DomainConfig w = s.config();
    assertEquals(c.name(), s.name(), why);
    assertNull(w.uuid(), why);
    assertEquals(c.builder(), w.builder(), why);
    assertEquals(c.kernel(), w.kernel(), why);
    assertEquals(c.ramdisk(), w.ramdisk(), why);
    assertEquals(c.cmdline(), w.cmdline(), why);
    assertEquals(d.memoryMiB(), w.memoryMiB(), why);
    assertEquals(d.maxmemMiB(), w.maxmemMiB(), why);
    assertEquals(d.onlineVcpus(), w.vcpus(), why);
    assertEquals(c.maxVcpus(), w.maxVcpus(), why);
    assertEquals(c.cpus(), w.cpus(), why);
    assertEquals(
        d.power() == PowerState.PAUSED ? DesiredState.PAUSED : DesiredState.RUNNING,
        s.state(),
        why);
    assertEquals(c.onPoweroff(), w.onPoweroff(), why);
    assertEquals(c.onReboot(), w.onReboot(), why);
    assertEquals(c.onCrash(), w.onCrash(), why);
    assertEquals(d.blockDevices().stream().map(b -> b.spec()).toList(), w.disks(), why);
    assertEquals(
        d.netDevices().stream().map(n -> n.spec().options()).toList(),
        w.vifs().stream().map(VifSpec::options).toList(),
        why);
    assertEquals(c.vtpms(), w.vtpms(), why);
    assertEquals(c.securityLabel(), w.securityLabel(), why);
    assertEquals(c.extras(), w.extras(), why);
    assertFalse(s.declares("dependsOn") || s.declares("prune"), "no xm annotations: " + why);
  }

  /**
   * One imperative command; a refused one (say, a device already in use) changes nothing, as on
   * Xen.
   */
  static void typeIn(Hypervisor host, String name, String change) {
    DomainInfo d = host.domain(name);
    String[] w = change.split(" ");
    int n = w.length > 1 ? Integer.parseInt(w[1]) : 0;
    try {
      switch (w[0]) {
        case "mem-set" -> host.setMemory(name, 1 + n % d.maxmemMiB(), change);
        case "mem-max" -> host.setMaxMemory(name, d.maxmemMiB() + n, change);
        case "vcpu-set" -> host.setVcpus(name, 1 + n % d.config().maxVcpus(), change);
        case "pause" -> host.pause(name, change);
        case "unpause" -> host.unpause(name, change);
        case "block-attach" -> host.attachBlock(name, new DiskSpec(w[2], w[3], w[4], 0), change);
        case "block-detach" -> {
          if (!d.blockDevices().isEmpty()) {
            host.detachBlock(
                name, Integer.toString(d.blockDevices().get(0).devnum()), false, change);
          }
        }
        case "network-attach" ->
            host.attachNetwork(
                name,
                new VifSpec(
                    w.length > 2
                        ? Map.of("bridge", "xenbr" + n, "mac", w[2])
                        : Map.of("bridge", "xenbr" + n)),
                change);
        case "network-detach" -> {
          if (!d.netDevices().isEmpty()) {
            host.detachNetwork(
                name, Integer.toString(d.netDevices().get(0).handle()), false, change);
          }
        }
        default -> throw new IllegalArgumentException(change);
      }
    } catch (XmException refused) {
      // as typed by hand: the host said no and nothing changed
    }
  }

  @Provide
  Arbitrary<List<Hand>> fleets() {
    return Arbitraries.randomValue(
        r -> {
          List<Hand> out = new ArrayList<>();
          int count = 1 + r.nextInt(3);
          for (int i = 0; i < count; i++) {
            out.add(hand(r, i));
          }
          return out;
        });
  }

  private static <T> T pick(Random r, List<T> choices) {
    return choices.get(r.nextInt(choices.size()));
  }

  /**
   * Domain {@code i}: its block devices (hda, ram, sda) and MACs are its own, so domains do not
   * collide.
   */
  static Hand hand(Random r, int i) {
    String name = "hand" + i;
    boolean hvm = r.nextInt(4) == 0;
    List<String> words = new ArrayList<>();
    words.add("name=" + name);
    if (hvm) {
      words.add("builder=hvm");
      words.add("kernel=/usr/lib/xen/boot/hvmloader");
      words.add("device_model=/usr/lib/xen/bin/qemu-dm");
      words.add("vnc=" + r.nextInt(2));
      words.add("boot=" + pick(r, List.of("c", "d", "cd")));
      if (r.nextBoolean()) {
        words.add("serial=pty");
      }
    } else {
      words.add("kernel=/boot/vmlinuz-2.6.18-" + r.nextInt(3));
      if (r.nextBoolean()) {
        words.add("ramdisk=/boot/initrd-2.6.18.img");
      }
      if (r.nextBoolean()) {
        words.add("root=/dev/xvda1 ro");
      }
      if (r.nextBoolean()) {
        words.add("extra=console=xvc0 \"quoted\" \\ back");
      }
    }
    int memory = 32 + r.nextInt(480);
    words.add("memory=" + memory);
    if (r.nextBoolean()) {
      words.add("maxmem=" + (memory + r.nextInt(512)));
    }
    int vcpus = 1 + r.nextInt(4);
    words.add("vcpus=" + vcpus);
    if (r.nextBoolean()) {
      words.add("maxvcpus=" + (vcpus + r.nextInt(5)));
    }
    if (r.nextInt(3) == 0) {
      words.add("cpus=" + pick(r, List.of("0-3", "0,2", "1-7,^3", "5")));
    }
    for (String key : List.of("on_poweroff", "on_reboot")) {
      if (r.nextInt(3) == 0) {
        words.add(key + "=" + pick(r, List.of("destroy", "restart", "preserve", "rename-restart")));
      }
    }
    if (r.nextInt(3) == 0) {
      words.add(
          "on_crash="
              + pick(
                  r,
                  List.of(
                      "destroy", "restart", "preserve", "coredump-destroy", "coredump-restart")));
    }
    List<String> targets = hvm ? List.of("hda", "hdb", "sda") : List.of("xvda1", "xvdb", "sda2");
    List<String> backends =
        List.of("phy:hda" + (1 + 2 * i), "phy:/dev/hda" + (2 + 2 * i), "phy:ram" + i);
    int disks = r.nextInt(4);
    for (int k = 0; k < disks; k++) {
      words.add(
          "disk="
              + backends.get(k)
              + ","
              + targets.get(k)
              + ","
              + pick(r, List.of("r", "w", "w!")));
    }
    if (hvm && r.nextBoolean()) {
      words.add("disk=,hdc:cdrom,r");
    }
    int vifs = r.nextInt(4);
    for (int k = 0; k < vifs; k++) {
      List<String> opts = new ArrayList<>();
      if (r.nextBoolean()) {
        opts.add("mac=00:16:3E:0" + i + ":00:0" + k);
      }
      if (r.nextBoolean()) {
        opts.add("bridge=xenbr" + k);
      }
      if (r.nextInt(3) == 0) {
        opts.add("ip=10.0." + i + "." + (k + 1));
      }
      if (r.nextInt(4) == 0) {
        opts.add("rate=10Mb/s");
      }
      if (r.nextInt(4) == 0) {
        opts.add("script=vif-bridge");
      }
      if (r.nextInt(4) == 0) {
        opts.add("vifname=v" + i + "x" + k);
      }
      if (hvm && r.nextBoolean()) {
        opts.add("type=ioemu");
        opts.add("model=" + pick(r, List.of("e1000", "rtl8139")));
      }
      words.add("vif=" + String.join(",", opts));
    }
    if (r.nextInt(4) == 0) {
      words.add("vtpm=instance=" + (1 + i) + ",backend=0");
    }
    if (r.nextInt(4) == 0) {
      words.add(
          "access_control=policy=example.chwall_ste.client_v1,label=dom_"
              + pick(r, List.of("HomeBanking", "Fun")));
    }
    List<String> changes = new ArrayList<>();
    int n = r.nextInt(6);
    for (int k = 0; k < n; k++) {
      changes.add(
          switch (r.nextInt(9)) {
            case 0 -> "mem-set " + r.nextInt(1024);
            case 1 -> "mem-max " + r.nextInt(256);
            case 2 -> "vcpu-set " + r.nextInt(8);
            case 3 -> "pause";
            case 4 -> "unpause";
            case 5 ->
                "block-attach 0 phy:sda"
                    + (1 + 5 * i + k)
                    + " xvd"
                    + (char) ('e' + k)
                    + " "
                    + pick(r, List.of("r", "w"));
            case 6 -> "block-detach";
            case 7 ->
                "network-attach " + k + (r.nextBoolean() ? " 00:16:3e:1" + i + ":00:0" + k : "");
            default -> "network-detach";
          });
    }
    return new Hand(name, r.nextBoolean() ? "a" : "b", r.nextInt(4) == 0, words, changes);
  }
}
