package xm.config.py;

import java.util.List;
import java.util.Map;

/** Something a config script can call: a builtin, a module function or a {@code def}. */
interface PyFunction {
  Object call(List<Object> args, Map<String, Object> kwargs, Node at);
}
