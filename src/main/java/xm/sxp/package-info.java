/**
 * S-expressions as xend wrote them: a located parser, and a printer that lays them out as xend's
 * PrettyPrint did (display) or losslessly (storage).
 */
package xm.sxp;
