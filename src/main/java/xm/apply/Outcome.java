package xm.apply;

import xm.plan.Change;

/** One change and how it ended, with a message for the user. */
public record Outcome(Change change, Status status, String message, long millis) {}
