package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A batch of transactions undoes a failed one by going back to a copy of the state taken before
 * it, so a copy must carry every field and share nothing mutable.
 */
class SimStateCopyTest {
  /** A domain with every field away from its default, so that a field the copy forgets shows. */
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
    d.managed = true;
    d.migration = new SimDomain.Migration("token", true, "b");
    d.vifHandles.add(0);
    d.annotations.put("xm/hold/memory", "2026-12-01T00:00:00Z");
    d.nextVifHandle = 1;
    d.seen();
    return d;
  }

  @Test
  void a_copied_domain_has_every_field_and_shares_no_collection() throws Exception {
    SimDomain d = everyFieldSet();
    SimDomain c = d.copy();
    for (Field f : SimDomain.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      Object original = f.get(d);
      assertNotNull(original, f.getName() + " is set in everyFieldSet()");
      assertFalse(original.equals(0) || original.equals(0L) || original.equals(0.0) || original.equals(false)
          || (original instanceof Collection<?> col && col.isEmpty()) || (original instanceof Map<?, ?> m && m.isEmpty()),
          f.getName() + " is away from its default in everyFieldSet()");
      assertEquals(original, f.get(c), f.getName() + " is copied");
      if (original instanceof Collection<?> || original instanceof Map<?, ?>) {
        assertNotSame(original, f.get(c), f.getName() + " is not shared");
      }
    }
    assertNotSame(d.affinity.get(1), c.affinity.get(1), "affinity sets are not shared");
  }

  @Test
  void a_copied_state_is_written_as_the_original() {
    SimState s = new SimState();
    s.nextDomid = 8;
    s.clockMs = 5;
    s.bootMs = 4;
    s.revision = 42;
    s.domains.add(Domain0.create(HostSpec.defaults("h"), 4));
    s.domains.add(everyFieldSet());
    SimState c = s.copy();
    assertEquals(StateCodec.write(s), StateCodec.write(c));
    c.domains.get(1).annotations.clear();
    c.domains.remove(0);
    assertEquals(2, s.domains.size());
    assertEquals(List.of("xm/hold/memory"), List.copyOf(s.domains.get(1).annotations.keySet()));
  }
}
