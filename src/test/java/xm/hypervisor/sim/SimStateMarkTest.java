package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A batch of transactions undoes a failed one by putting the state back to a mark taken before it,
 * so a mark must remember every field of every domain, and putting it back must undo any change to
 * any of them.
 */
class SimStateMarkTest {
  /** A domain with every field away from its default, so that a field the mark forgets shows. */
  static SimDomain everyFieldSet() {
    SimDomain d = new SimDomain();
    d.id = 7;
    d.uuid = "4b9de9ed-2063-35ce-93fc-6b44a2e8fcf3";
    d.config = TestHosts.config("web1", 256, 512, 2, 4).withUuid(d.uuid);
    d.onlineVcpus = 2;
    d.pin(1, Set.of(0, 2));
    d.paused = true;
    d.pending = new SimDomain.Pending(SimDomain.Pending.Kind.REBOOT, 99);
    d.endState = "crashed";
    d.cpuTimeSec = 1.5;
    d.runningSinceMs = 12;
    d.startMs = 10;
    d.restartCount = 3;
    d.sched = new xm.hypervisor.Sched(512, 50, 30, 10, 1, 0, 2);
    d.pci = List.of(new xm.hypervisor.PciDevice(0, 0, 0x19, 0, 5));
    d.vscsi = List.of(new xm.hypervisor.ScsiDevice("0:0:0:0", "/dev/sda", "0:0:0:0", 0));
    d.managed = true;
    d.persistent = true;
    d.inactive = "halted";
    d.migration = new SimDomain.Migration("token", true, "b");
    d.vifHandles.add(0);
    d.annotate("xm/hold/memory", "2026-12-01T00:00:00Z");
    d.nextVifHandle = 1;
    d.seen();
    return d;
  }

  /**
   * Whether {@code f} is one of a domain's values: not a cache ({@code seen}) nor its link to the
   * state that holds it and that state's index entry ({@code owner}, {@code indexed}).
   */
  static boolean isStateField(Field f) {
    return !Modifier.isStatic(f.getModifiers())
        && !List.of("seen", "owner", "indexed", "dirty").contains(f.getName());
  }

  private static Map<String, Object> values(SimDomain d) throws Exception {
    Map<String, Object> out = new java.util.TreeMap<>();
    for (Field f : SimDomain.class.getDeclaredFields()) {
      if (isStateField(f)) {
        f.setAccessible(true);
        Object v = f.get(d);
        if (v instanceof List<?> l) {
          List<Object> copy = new java.util.ArrayList<>();
          for (Object x : l) {
            copy.add(x instanceof Set<?> set ? new java.util.TreeSet<>(set) : x);
          }
          v = copy;
        } else if (v instanceof Map<?, ?> m) {
          v = new java.util.TreeMap<>(m);
        }
        out.put(f.getName(), v);
      }
    }
    return out;
  }

  @Test
  void annotations_cannot_change_in_place_so_a_snapshot_may_compare_them_by_identity() {
    SimDomain d = everyFieldSet();
    java.util.Map<String, String> before = d.annotations;
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> d.annotations.put("k", "v"));
    d.annotate("k", "v");
    org.junit.jupiter.api.Assertions.assertNotSame(before, d.annotations);
    assertEquals("v", d.annotations.get("k"));
    d.annotate("k", null);
    assertEquals(before, d.annotations);
  }

  @Test
  void every_field_is_set_in_the_sample() throws Exception {
    SimDomain d = everyFieldSet();
    for (Field f : SimDomain.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || List.of("owner", "indexed", "dirty").contains(f.getName())) {
        continue;
      }
      f.setAccessible(true);
      Object v = f.get(d);
      assertNotNull(v, f.getName() + " is set in everyFieldSet()");
      assertFalse(
          v.equals(0)
              || v.equals(0L)
              || v.equals(0.0)
              || v.equals(false)
              || (v instanceof Collection<?> c && c.isEmpty())
              || (v instanceof Map<?, ?> m && m.isEmpty()),
          f.getName() + " is away from its default in everyFieldSet()");
    }
  }

  @Test
  void a_reset_undoes_a_change_to_any_field_of_any_domain() throws Exception {
    for (Field f : SimDomain.class.getDeclaredFields()) {
      if (!isStateField(f)) {
        continue;
      }
      SimState s = new SimState();
      s.nextDomid = 8;
      s.revision = 42;
      s.domains.add(Domain0.create(HostSpec.defaults("h"), 4));
      SimDomain d = everyFieldSet();
      s.domains.add(d);
      String text = StateCodec.write(s);
      Map<String, Object> before = values(d);

      SimState.Mark mark = s.mark();
      StateCodecProperties.change(d, f.getName());
      s.domains.remove(0);
      s.domains.add(new SimDomain());
      s.nextDomid++;
      s.revision++;
      s.reset(mark);

      assertEquals(before, values(d), f.getName() + " changed, then put back");
      assertSame(d, s.domains.get(1), "the same domain object, so what refers to it stays valid");
      assertEquals(2, s.domains.size());
      assertEquals(8, s.nextDomid);
      assertEquals(42, s.revision);
      assertEquals(text, StateCodec.write(s));
    }
  }
}
