package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.PowerState;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.StateFlags;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * {@link SpecWriter} for {@code xm list -o yaml}: a running domain as a spec apply reads back
 * unchanged.
 */
class SpecWriterTest {
  static final String UUID = "5915b4df-7a5e-3f9d-b171-cf76a0f5bfde";

  static VifSpec vif(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new VifSpec(m);
  }

  static DomainConfig config(
      String name, String kernel, List<VifSpec> vifs, Map<String, String> extras) {
    return new DomainConfig(
        name,
        UUID,
        "linux",
        kernel,
        "/boot/initrd.img",
        "root=/dev/xvda1 ro",
        512,
        1024,
        2,
        4,
        "0-1",
        LifecycleAction.DESTROY,
        LifecycleAction.RESTART,
        LifecycleAction.PRESERVE,
        List.of(new DiskSpec("phy:ram0", "xvda1", "w", 0), new DiskSpec("", "hdc:cdrom", "r", 0)),
        vifs,
        List.of(new VtpmSpec(1, 0)),
        new SecurityLabel("example.client_v1", "dom_HomeBanking"),
        extras);
  }

  /**
   * As the host reports it: booted with 512 MiB and 2 VCPUs, now ballooned to 384 MiB with 3
   * online.
   */
  static DomainInfo running(
      Integer id, DomainConfig c, PowerState power, Map<String, String> annotations) {
    return new DomainInfo(
        id,
        UUID,
        c,
        384,
        1024,
        3,
        power,
        new StateFlags(
            false, power == PowerState.RUNNING, power == PowerState.PAUSED, false, false, false),
        4.8,
        1231459200.0,
        120.0,
        List.of(),
        true,
        List.of(),
        List.of(),
        List.of(),
        annotations);
  }

  @Test
  void writes_what_runs_now_and_nothing_the_host_chose_or_xm_keeps() {
    DomainConfig c =
        config(
            "web1",
            "/boot/vmlinuz",
            List.of(vif("bridge", "xenbr0", "mac", "00:16:3e:12:34:56")),
            Map.of("vnc", "1"));
    String yaml =
        SpecWriter.yaml(
            running(7, c, PowerState.PAUSED, Map.of("xm/spec", "specs/web.yaml:2", "xm/wave", "1")),
            null);
    assertEquals(
        """
        apiVersion: xm/v1
        kind: Domain
        metadata:
          name: "web1"
        spec:
          kernel: "/boot/vmlinuz"
          ramdisk: "/boot/initrd.img"
          cmdline: "root=/dev/xvda1 ro"
          memory: 384   # MiB
          maxmem: 1024
          vcpus: 3
          maxvcpus: 4
          cpus: "0-1"
          state: paused
          onCrash: preserve
          disks:
            - {source: "phy:ram0", target: "xvda1", mode: "w"}
            - {source: "", target: "hdc:cdrom", mode: "r"}
          vifs:
            - {bridge: "xenbr0", mac: "00:16:3e:12:34:56"}
          vtpms:
            - {instance: 1}
          security: {policy: "example.client_v1", label: "dom_HomeBanking"}
          extras:
            vnc: "1"
        """,
        yaml);
    assertFalse(
        yaml.contains(UUID)
            || yaml.contains("xm/spec")
            || yaml.contains("wave")
            || yaml.contains("51713")
            || yaml.matches("(?s).*\\b(id|uuid|domid)\\b.*"),
        yaml);
  }

  @Test
  void reads_back_to_the_running_domain() {
    DomainConfig c =
        config(
            "web1",
            "/boot/vmlinuz",
            List.of(vif("mac", "00:16:3e:12:34:56", "rate", "10Mb/s")),
            Map.of("vnc", "1", "serial", "pty"));
    DomainInfo d = running(7, c, PowerState.RUNNING, Map.of());
    DomainSpec s = SpecLoader.parse("web1.yaml", SpecWriter.yaml(d, "xen-b")).domains().get(0);
    assertEquals(SpecWriter.desired(d), s.config());
    assertEquals(384, s.config().memoryMiB());
    assertEquals(3, s.config().vcpus());
    assertEquals(4, s.config().maxVcpus());
    assertEquals(DesiredState.RUNNING, s.state());
    assertEquals("xen-b", s.host());
  }

  @Test
  void leaves_out_what_the_reader_fills_in_anyway() {
    DomainConfig c =
        new DomainConfig(
            "tiny",
            UUID,
            null,
            "/boot/vmlinuz",
            null,
            null,
            64,
            64,
            1,
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    DomainInfo d =
        new DomainInfo(
            3,
            UUID,
            c,
            64,
            64,
            1,
            PowerState.RUNNING,
            new StateFlags(false, true, false, false, false, false),
            0,
            0,
            0,
            List.of(),
            false,
            List.of(),
            List.of(),
            List.of(),
            Map.of());
    assertEquals(
        """
        apiVersion: xm/v1
        kind: Domain
        metadata:
          name: "tiny"
        spec:
          kernel: "/boot/vmlinuz"
          memory: 64   # MiB
          vcpus: 1
        """,
        SpecWriter.yaml(d, null));
  }

  @Test
  void text_with_quotes_and_control_characters_survives() {
    DomainConfig c =
        config(
            "odd",
            "/boot/vm linuz",
            List.of(),
            Map.of("cpuid", "['1:eax=\"x\\\\y\"']", "weird_key", "a\tb\u0001"));
    DomainInfo d = running(2, c, PowerState.RUNNING, Map.of());
    assertEquals(
        SpecWriter.desired(d),
        SpecLoader.parse("odd.yaml", SpecWriter.yaml(d, null)).domains().get(0).config());
  }

  @Test
  void domain_0_is_never_written() {
    DomainConfig c =
        new DomainConfig(
            "Domain-0",
            null,
            null,
            null,
            null,
            null,
            1024,
            1024,
            4,
            4,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThrows(
        IllegalArgumentException.class,
        () -> SpecWriter.yaml(running(0, c, PowerState.RUNNING, Map.of()), null));
  }

  @Test
  void a_domain_no_spec_can_describe_is_an_error_that_says_why() {
    DomainConfig noKernel =
        config("boot1", null, List.of(), Map.of("bootloader", "/usr/bin/pygrub"));
    XmException e =
        assertThrows(
            XmException.class,
            () -> SpecWriter.yaml(running(4, noKernel, PowerState.RUNNING, Map.of()), null));
    assertEquals(
        "Domain 'boot1' cannot be exported as a spec: spec needs 'kernel' (the path of the guest kernel) for a "
            + "linux domain",
        e.getMessage());
    DomainConfig vifLabel =
        config("vp1", "/boot/vmlinuz", List.of(vif("bridge", "xenbr0", "policy", "p")), Map.of());
    e =
        assertThrows(
            XmException.class,
            () -> SpecWriter.yaml(running(5, vifLabel, PowerState.RUNNING, Map.of()), null));
    assertEquals(
        "Domain 'vp1' cannot be exported as a spec: unknown field 'policy' in vif", e.getMessage());
  }
}
