package xm.spec;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import xm.diag.Location;

/**
 * Passes a YAML parser's events on, refusing collections nested deeper than a limit. SnakeYAML's
 * composer builds nodes recursively (one Java stack frame group per level) and has no depth setting
 * of its own, so without this a document nested a few thousand levels deep ends in a
 * StackOverflowError; the parser itself keeps its state on the heap, so checking its events is safe
 * at any depth, and costs nothing per event.
 */
final class DepthBoundParser implements Parser {
  /** A document nested deeper than the limit; where the first too-deep collection starts. */
  static final class TooDeep extends RuntimeException {
    final Location where;
    final int limit;

    TooDeep(Location where, int limit) {
      super("nested more than " + limit + " levels deep", null, false, false);
      this.where = where;
      this.limit = limit;
    }
  }

  private final Parser parser;
  private final int limit;
  private final String file;
  private int depth;

  DepthBoundParser(Parser parser, int limit, String file) {
    this.parser = parser;
    this.limit = limit;
    this.file = file;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event e = parser.next();
    switch (e.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (++depth > limit) {
          throw new TooDeep(
              e.getStartMark()
                  .map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1))
                  .orElse(new Location(file, 1, 1)),
              limit);
        }
      }
      case MappingEnd, SequenceEnd -> depth--;
      default -> {}
    }
    return e;
  }
}
