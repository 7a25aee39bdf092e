/** Files replaced whole and durably ({@link xm.files.AtomicFiles}). Knows nothing else of xm. */
package xm.files;
