package xm.spec;

/**
 * The text of one spec source as it was read, under the name its problems and locations use ({@code
 * specs/web.yaml}, {@code <stdin>}): parsing the same texts again gives the same specs with the
 * same locations, wherever and whenever it happens (what a saved plan keeps).
 */
public record SpecText(String name, String text) {}
