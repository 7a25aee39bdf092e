package xm.config.py;

import java.util.Map;

/** A module or object with attributes (os, re, xm_vars). */
record Module(String name, Map<String, Object> attributes) {}
