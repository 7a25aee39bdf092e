package xm.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * xm's commands against libvirt's test:///default driver, in this JVM (its state lives as long as
 * the process's one connection). Skipped, and so reported as not run, when libvirt0 is missing
 * (ci/install-libvirt.sh installs it).
 */
class TestDriverTest {
  static final String URI = "test:///default";
  private static final AtomicInteger N = new AtomicInteger();

  @TempDir Path dir;
  Xm xm;
  String name;

  @BeforeEach
  void setUp() {
    Assumptions.assumeTrue(
        LibvirtAvailable.check(),
        "libvirt0 is not installed: the test:///default suite is not run");
    xm = new Xm(dir.resolve("home"), dir);
    name = "t" + N.incrementAndGet() + "x" + ProcessHandle.current().pid();
  }

  private Xm.Run lv(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = URI;
    System.arraycopy(args, 0, all, 2, args.length);
    return xm.run(all);
  }

  @Test
  void theImperativeCommandsWorkOnALibvirtHost() throws Exception {
    assertTrue(lv("list").out().contains("\ntest "), "the driver's own domain");
    Path cfg =
        Files.writeString(
            dir.resolve(name + ".cfg"),
            "name = '"
                + name
                + "'\nkernel = '/boot/k'\nmemory = 128\n"
                + "maxmem = 256\nvcpus = 1\nmaxvcpus = 2\n");
    Xm.Run made = lv("create", cfg.toString());
    assertEquals(0, made.code(), made.toString());
    assertEquals(0, lv("mem-set", name, "200").code());
    assertEquals(0, lv("vcpu-set", name, "2").code());
    String list = lv("list", name).out();
    assertTrue(list.matches("(?s).*\n" + name + " +\\d+ +200 +2 .*"), list);
    Xm.Run tooMany = lv("vcpu-set", name, "3");
    assertEquals(1, tooMany.code(), tooMany.toString());
    Xm.Run pin = lv("vcpu-pin", name, "0", "1");
    assertEquals(0, pin.code(), pin.toString());
    assertTrue(
        lv("vcpu-list", name)
            .out()
            .matches("(?s).*\n" + name + " +\\d+ +0 +\\d+ +\\S+ +\\S+ +1\n.*"),
        lv("vcpu-list", name).out());
    assertEquals(0, lv("pause", name).code());
    assertTrue(lv("list", name).out().contains("--p---"));
    assertEquals(0, lv("unpause", name).code());
    assertEquals(0, lv("destroy", name).code());
    assertEquals(3, lv("list", name).code(), "gone");
  }

  @Test
  void schedCreditShowsAndSetsTheDriversWeight() {
    Xm.Run show = lv("sched-credit", "-d", "test");
    assertEquals(0, show.code(), show.toString());
    assertTrue(show.out().matches("(?s)Name +ID Weight  Cap\\ntest +\\d+ +\\d+ +0\\n"), show.out());
    Xm.Run set = lv("sched-credit", "-d", "test", "-w", "512");
    assertEquals(0, set.code(), set.toString());
    Xm.Run cap = lv("sched-credit", "-d", "test", "-c", "50");
    assertEquals(1, cap.code(), cap.toString());
    assertEquals(
        "Error: cap: libvirt's test driver (test:///default) has a weight and no cap; use -c 0",
        cap.error());
    Xm.Run defined = lv("new", "-q", "/dev/null", "name=" + name, "kernel=/boot/k");
    assertEquals(1, defined.code(), defined.toString());
    assertEquals(
        "Error: xm new is not available on libvirt hosts yet (test:///default): libvirt keeps"
            + " definitions its own way; use virsh -c test:///default define",
        defined.error());
    Xm.Run sedf = lv("sched-sedf");
    assertEquals(
        "Error: libvirt (test:///default) has no EDF scheduler parameters: use sched-credit",
        sedf.error());
  }

  @Test
  void errorsAreOneLineAndWhatLibvirtCannotDoSaysSo() {
    Xm.Run missing = lv("mem-set", "nosuch" + name, "64");
    assertEquals(3, missing.code());
    assertEquals("Error: Domain 'nosuch" + name + "' does not exist.", missing.error());
    Xm.Run dmesg = lv("dmesg");
    assertEquals(1, dmesg.code());
    assertEquals(
        "Error: xm dmesg has no libvirt equivalent: host test:///default cannot do it",
        dmesg.error());
    Xm.Run down = xm.run("-c", "qemu+unix:///system?socket=" + dir.resolve("nosock"), "list");
    assertEquals(1, down.code());
    assertTrue(down.error().startsWith("Error: libvirt (qemu+unix:///system"), down.toString());
    assertFalse(down.err().contains("\tat "), down.err());
  }

  @Test
  void consoleIsVirshsTerminalSessionAndMigrateNamesItsTarget() {
    Xm.Run console = lv("console", "test");
    assertEquals(1, console.code());
    assertEquals(
        "Error: the console of this domain is a terminal session (virsh -c test:///default console): run xm"
            + " console on a terminal",
        console.error());
    assertEquals(1, lv("console", "-q", "nosuch" + name).code());
    Xm.Run same = lv("migrate", "test", URI);
    assertEquals(
        "Error: libvirt cannot migrate test to the host it runs on (test:///default)",
        same.error());
    Xm.Run bad = lv("migrate", "test", "a/b");
    assertEquals(
        "Error: 'a/b' is neither a libvirt URI nor a host name: give the target as qemu+ssh://HOST/system, or"
            + " as a host name",
        bad.error());
    Xm.Run driver = lv("migrate", "test", "qemu+unix:///system?socket=" + dir.resolve("nosock"));
    assertTrue(
        driver.error().startsWith("Error: libvirt (qemu+unix:///system"),
        driver.toString()); // the target, named
  }

  @Test
  void aMachinesNameIsTheSameDriverOverSsh() {
    assertEquals("qemu+ssh://kvm2/system", MigrationTarget.uri("qemu:///system", "kvm2"));
    assertEquals(
        "xen+ssh://xen2.example.org/system",
        MigrationTarget.uri("xen+tls://xen1/system", "xen2.example.org"));
    assertEquals(
        "qemu+ssh://kvm2:2222/session", MigrationTarget.uri("qemu:///session", "kvm2:2222"));
    assertEquals(
        "qemu+tcp://kvm2/system", MigrationTarget.uri("qemu:///system", "qemu+tcp://kvm2/system"));
  }

  @Test
  void applyConvergesAndHealsDriftMadeBehindItsBack() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(
        specs.resolve("d.yaml"),
        "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: "
            + name
            + "\nspec:\n"
            + "  kernel: /boot/vmlinuz\n  memory: 256\n  maxmem: 512\n  vcpus: 2\n  maxvcpus: 4\n"
            + "  vifs:\n    - {mac: \"00:16:3e:00:09:0"
            + (N.get() % 10)
            + "\", bridge: xenbr0}\n");
    Xm.Run apply = lv("apply", "-f", specs.toString());
    assertEquals(0, apply.code(), apply.toString());
    assertEquals(0, lv("diff", "-f", specs.toString()).code(), "converged");
    // behind xm's back, as virsh setvcpus would
    new LibvirtHostFactory(dir).open(URI).setVcpus(name, 1, "virsh setvcpus");
    new LibvirtHostFactory(dir).open(URI).setMemory(name, 200, "virsh setmem");
    Xm.Run drift = lv("diff", "-f", specs.toString());
    assertEquals(2, drift.code(), drift.toString());
    assertTrue(drift.out().contains("vcpus: 1 -> 2"), drift.out());
    assertTrue(drift.out().contains("memory: 200 MiB -> 256 MiB  (mem-set, live)"), drift.out());
    assertTrue(
        drift.out().contains("; changed by something outside xm (the host keeps no record of who)"),
        drift.out());
    assertEquals(0, lv("apply", "-f", specs.toString()).code());
    assertEquals(0, lv("diff", "-f", specs.toString()).code(), "healed");
    assertTrue(
        new LibvirtHostFactory(dir).open(URI).domain(name).managed(),
        "marked managed in its metadata");
    assertEquals(0, lv("destroy", name).code());
  }

  @Test
  void aHostSpecWithAUriPlacesDomainsOnThatLibvirtHostBesideSimulatedOnes() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("fleet"));
    Files.writeString(
        specs.resolve("all.yaml"),
        "apiVersion: xm/v1\nkind: Host\nmetadata:\n  name: kvm1\nspec:\n"
            + "  uri: test:///default\n---\napiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: "
            + name
            + "\n  host: kvm1\n"
            + "spec:\n  kernel: /boot/vmlinuz\n  memory: 128\n---\napiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: l"
            + name
            + "\nspec:\n  kernel: /boot/vmlinuz\n  memory: 64\n");
    Xm.Run apply = xm.run("apply", "-f", specs.toString());
    assertEquals(0, apply.code(), apply.toString());
    assertTrue(apply.out().contains("kvm1:\n  + " + name), apply.out());
    assertEquals(0, xm.run("diff", "-f", specs.toString()).code(), "both hosts converged");
    assertEquals(0, lv("list", name).code(), "on the libvirt host");
    assertEquals(0, xm.run("list", "l" + name).code(), "on the simulated host");
    assertEquals(0, lv("destroy", name).code());

    Files.writeString(
        specs.resolve("all.yaml"),
        Files.readString(specs.resolve("all.yaml"))
            .replace(
                "uri: test:///default",
                "uri: qemu+unix:///system?socket=" + dir.resolve("nosock")));
    Xm.Run down = xm.run("diff", "-f", specs.toString());
    assertEquals(1, down.code(), down.toString());
    assertTrue(down.error().startsWith("Error: libvirt (qemu+unix:///system"), down.toString());

    Files.writeString(
        specs.resolve("bad.yaml"),
        "apiVersion: xm/v1\nkind: Host\nmetadata:\n  name: kvm2\nspec:\n"
            + "  uri: test:///default\n  memory: 4096\n");
    Xm.Run bad = xm.run("diff", "-f", specs.resolve("bad.yaml").toString());
    assertEquals(1, bad.code(), bad.toString());
    assertTrue(
        bad.error().contains("bad.yaml:6:8: a libvirt host (uri) is the machine it names"),
        bad.toString());
  }

  @Test
  void xmEnforcesAccessControlOnALibvirtHostAsOnTheEmbeddedOne() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve(name + ".cfg"),
            "name = '"
                + name
                + "'\nkernel = '/boot/k'\nmemory = 64\n"
                + "access_control = ['policy=example.web,label=web']\n");
    Xm.Run none = lv("create", cfg.toString());
    assertEquals(1, none.code(), none.toString());
    assertTrue(
        none.error().contains("no access control policy is active on this host"), none.toString());
    Path root = Files.createDirectories(dir.resolve("home/policies/example"));
    Files.copy(
        Path.of("policies/example/web-security_policy.xml"),
        root.resolve("web-security_policy.xml"));
    assertEquals(0, lv("loadpolicy", "example.web").code());
    assertTrue(lv("dumppolicy").out().contains("POLICY REFERENCE = example.web."));
    assertEquals(0, lv("create", cfg.toString()).code());
    Path batch =
        Files.writeString(
            dir.resolve("b" + name + ".cfg"),
            "name = 'b"
                + name
                + "'\nkernel = '/boot/k'\n"
                + "memory = 64\naccess_control = ['policy=example.web,label=batch']\n");
    Xm.Run wall = lv("create", batch.toString());
    assertEquals(1, wall.code(), wall.toString());
    assertTrue(
        wall.error()
            .startsWith(
                "Error: Domain in conflict set with running domain? (batch against " + name),
        wall.toString());
    assertTrue(lv("list", "--label", name).out().contains("ACM:example.web:web"));
    assertEquals(0, lv("destroy", name).code());
  }

  @Test
  void theLabeledFleetIsAppliedToALibvirtHost() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("acm"));
    for (String f : new String[] {"security.yaml", "web.yaml", "storage.yaml", "resources.yaml"}) {
      Files.copy(Path.of("specs").resolve(f), specs.resolve(f));
    }
    Xm.Run apply = lv("apply", "-f", specs.toString());
    try {
      assertEquals(0, apply.code(), apply.toString());
      assertTrue(apply.out().contains("policy example.web active"), apply.out());
      Xm.Run diff = lv("diff", "-f", specs.toString());
      assertEquals(0, diff.code(), "converged, policy and labels included:\n" + diff);
      assertTrue(lv("list", "--label", "web1").out().contains("ACM:example.web:web"));
    } finally {
      for (String d : new String[] {"web1", "web2", "storage1"}) {
        lv("destroy", d);
      }
    }
  }

  @Test
  void aStoppedManagedDomainIsNotRunningAndApplyStartsItAgain() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("stop"));
    Files.writeString(
        specs.resolve("d.yaml"),
        "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: "
            + name
            + "\nspec:\n"
            + "  builder: hvm\n  kernel: /usr/lib/xen/boot/hvmloader\n  cmdline: console=ttyS0\n  memory: 64\n");
    assertEquals(0, lv("apply", "-f", specs.toString()).code());
    Xm.Run clean = lv("diff", "-f", specs.toString());
    assertEquals(0, clean.code(), "an HVM cmdline reads back as written: " + clean);
    // stopped behind xm's back (as virsh destroy): defined, shut off
    org.libvirt.Connect c = new org.libvirt.Connect(URI, false);
    c.domainLookupByName(name).destroy();
    Xm.Run drift = lv("diff", "-f", specs.toString());
    assertEquals(2, drift.code(), "a stopped domain declared running is drift: " + drift);
    assertEquals(0, lv("apply", "-f", specs.toString()).code());
    assertEquals(0, lv("list", name).code(), "running again");
    assertEquals(0, lv("vcpu-pin", name, "all", "0").code(), "all VCPUs");
    assertEquals(0, lv("destroy", name).code());
  }

  @Test
  void aDomainXmCannotReadDoesNotTakeTheHostFromIt() throws Exception {
    org.libvirt.Connect c = new org.libvirt.Connect(URI, false);
    String odd = "odd " + name; // a name xm does not allow
    org.libvirt.Domain d =
        c.domainCreateXML(
            "<domain type='test'><name>"
                + odd
                + "</name><memory>65536</memory>"
                + "<os><type>hvm</type></os></domain>",
            0);
    try {
      Xm.Run list = lv("list");
      assertEquals(0, list.code(), list.toString());
      assertFalse(list.out().contains(odd));
    } finally {
      d.destroy();
    }
  }

  @Test
  void twoNamesForOneUriAndFragmentsAreRefused() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("alias"));
    Files.writeString(
        specs.resolve("h.yaml"),
        "apiVersion: xm/v1\nkind: Host\nmetadata: {name: kvm1}\nspec: {uri: "
            + "\"test:///default\"}\n---\napiVersion: xm/v1\nkind: Host\nmetadata: {name: kvm2}\nspec: {uri: \"test:///default\"}\n");
    Xm.Run r = xm.run("diff", "-f", specs.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .contains("host 'kvm2' names URI test:///default, which host 'kvm1' names already"),
        r.toString());
    Xm.Run frag = xm.run("-c", "test:///default#x", "list");
    assertEquals(1, frag.code(), frag.toString());
    Xm.Run huge = xm.run("-c", "test:///" + "x".repeat(100_000), "list");
    assertEquals(
        "Error: a libvirt URI has at most 2048 characters; this one has 100008", huge.error());
    assertEquals(1, xm.run("-c", "", "list").code());
  }
}
