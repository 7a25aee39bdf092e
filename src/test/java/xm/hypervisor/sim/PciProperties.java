package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PciDevice;

/**
 * PCI passthrough against a model (a save file stays after a restore, so a domain may be restored
 * from it again: a run in a fresh clone found that the model forgot it): for any sequence of
 * pci-attach, pci-detach, create, destroy, save and restore on a host with two assignable devices,
 * the host accepts exactly what the model says (a device bound to pciback and held by no running
 * domain), no device is ever held by two running domains, the assignable list is exactly the free
 * devices, and a host opened afresh from its files says the same.
 */
class PciProperties {
  static final List<String> DEVICES = List.of("0000:00:19.0", "0000:01:00.0");

  record Op(String kind, String name, String bdf) {}

  @Property(tries = 60)
  void one_device_is_never_given_to_two_running_domains(@ForAll("ops") List<Op> ops)
      throws IOException {
    Path home = Files.createTempDirectory("xm-pci");
    try {
      SimHost h =
          new SimHosts(home.resolve("xm")).init(HostSpec.defaults("h").withPciDevices(DEVICES));
      Map<String, Set<String>> model = new HashMap<>(); // running domain -> its devices
      Map<String, Set<String>> saved = new HashMap<>();
      for (Op op : ops) {
        boolean held = model.values().stream().anyMatch(s -> s.contains(op.bdf()));
        boolean expected =
            switch (op.kind()) {
              case "attach" -> model.containsKey(op.name()) && DEVICES.contains(op.bdf()) && !held;
              case "detach" ->
                  model.containsKey(op.name()) && model.get(op.name()).contains(op.bdf());
              case "create" ->
                  !model.containsKey(op.name()); // a save file of that name is only a file
              case "destroy", "save" -> model.containsKey(op.name());
              default ->
                  saved.containsKey(op.name())
                      && !model.containsKey(op.name())
                      && saved.get(op.name()).stream()
                          .noneMatch(b -> model.values().stream().anyMatch(s -> s.contains(b)));
            };
        boolean accepted = true;
        try {
          switch (op.kind()) {
            case "attach" -> h.pciAttach(op.name(), PciDevice.parse(op.bdf(), null), "p");
            case "detach" -> h.pciDetach(op.name(), PciDevice.parse(op.bdf(), null), "p");
            case "create" -> h.create(TestHosts.config(op.name(), 64), false, "p");
            case "destroy" -> h.destroy(op.name(), "p");
            case "save" -> h.save(op.name(), home.resolve(op.name() + ".save"), "p");
            default -> h.restore(home.resolve(op.name() + ".save"), false, "p");
          }
        } catch (XmException refused) {
          accepted = false;
        }
        assertEquals(expected, accepted, op + " with " + model + ", saved " + saved);
        if (accepted) {
          switch (op.kind()) {
            case "attach" -> model.get(op.name()).add(op.bdf());
            case "detach" -> model.get(op.name()).remove(op.bdf());
            case "create" -> model.put(op.name(), new HashSet<>());
            case "destroy" -> model.remove(op.name());
            case "save" -> saved.put(op.name(), model.remove(op.name()));
            default ->
                model.put(op.name(), new HashSet<>(saved.get(op.name()))); // the save file stays
          }
        }
        check(h, model);
      }
      check(new SimHosts(home.resolve("xm")).open("h"), model);
    } finally {
      try (var walk = Files.walk(home)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void check(SimHost h, Map<String, Set<String>> model) {
    Set<String> seen = new HashSet<>();
    for (DomainInfo d : h.domains()) {
      Set<String> mine = new HashSet<>();
      for (PciDevice p : h.pciDevices(d.uuid())) {
        assertTrue(seen.add(p.bdf()), p.bdf() + " is held by two running domains");
        mine.add(p.bdf());
      }
      if (!d.isDomain0()) {
        assertEquals(model.get(d.name()), mine, d.name());
      }
    }
    Set<String> free = new HashSet<>(DEVICES);
    free.removeAll(seen);
    Set<String> assignable = new HashSet<>();
    h.pciAssignable().forEach(p -> assignable.add(p.bdf()));
    assertEquals(free, assignable);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kind =
        Arbitraries.of(
            "attach", "attach", "attach", "detach", "create", "create", "destroy", "save",
            "restore");
    Arbitrary<String> name = Arbitraries.of("a", "b", "c");
    Arbitrary<String> bdf = Arbitraries.of("0000:00:19.0", "0000:01:00.0", "0000:02:00.0");
    return Combinators.combine(kind, name, bdf).as(Op::new).list().ofMaxSize(30);
  }
}
