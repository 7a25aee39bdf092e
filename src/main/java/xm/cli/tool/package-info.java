/** The tool itself: help, host (simulated hosts), convert, schema, completion, version. */
package xm.cli.tool;
