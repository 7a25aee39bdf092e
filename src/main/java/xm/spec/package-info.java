/**
 * Spec documents (apiVersion xm/v1, kind Domain or Host): {@link xm.spec.SpecLoader} reads files,
 * directories and stdin with located errors, driven by the field table in {@link
 * xm.spec.SpecSchema} (which also generates the JSON Schema); {@link xm.spec.SpecWriter} writes one
 * back. No host, no clock.
 */
package xm.spec;
