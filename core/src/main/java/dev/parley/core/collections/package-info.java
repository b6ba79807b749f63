/**
 * Pieces shared by the preallocated, allocation-free tables of the hot path.
 */
package dev.parley.core.collections;
