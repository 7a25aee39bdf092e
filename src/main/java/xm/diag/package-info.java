/** Failures a user sees as one line, and where input came from. */
package xm.diag;
