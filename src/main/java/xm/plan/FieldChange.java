package xm.plan;

import xm.diag.Location;

/**
 * One field that differs: its value on the host and in the spec, the operation that would make them
 * agree (mem-set, vcpu-set, block-attach, ... or "restart"), whether that works on a running
 * domain, and where the spec declares it.
 */
public record FieldChange(
    String field, String before, String after, String operation, boolean live, Location where) {}
