package xm.hypervisor.sim;

/**
 * What a host's files hold for a state in memory, as of the last write made or read: the content
 * (to find what the next commit changed without comparing or encoding every domain) and where it
 * lies (to tell, with two stats and one small read, whether another process changed the files).
 */
record Committed(Image image, Place place) {

  /**
   * The committed content: each domain's uuid and its values as committed (a domain whose {@link
   * SimDomain#seen} is still that object did not change), and the host-level values.
   */
  record Image(
      String[] uuids,
      SimDomain.Seen[] seen,
      int nextDomid,
      long clockMs,
      long bootMs,
      long revision) {
    static Image of(SimState s) {
      int n = s.domains.size();
      String[] uuids = new String[n];
      SimDomain.Seen[] seen = new SimDomain.Seen[n];
      for (int i = 0; i < n; i++) {
        SimDomain d = s.domains.get(i);
        uuids[i] = d.uuid;
        seen[i] = d.seen();
      }
      return new Image(uuids, seen, s.nextDomid, s.clockMs, s.bootMs, s.revision);
    }
  }

  /** A file as stat(2) saw it: enough to tell that it was replaced or changed. */
  record FileId(Object key, long size, long modifiedNanos) {}

  /**
   * Where the content lies: the checkpoint (its identity and revision), and the journal (its
   * identity as last seen before reading it or after writing it, its header, where its intact
   * records end, and the last of them), or no journal yet. Records are only ever appended (or the
   * journal replaced whole), so those read once need not be read again.
   */
  record Place(
      FileId checkpoint,
      long checkpointRevision,
      FileId journal,
      Journal.Entry header,
      long journalEnd,
      Journal.Entry last) {
    boolean hasJournal() {
      return journal != null;
    }

    Place withJournal(FileId journal, Journal.Entry header, long end, Journal.Entry last) {
      return new Place(checkpoint, checkpointRevision, journal, header, end, last);
    }
  }
}
