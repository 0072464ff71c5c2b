package dev.beamlink.otp;

/**
 * A supervisor's children counted as {@code supervisor:count_children/1} counts them.
 *
 * @param specs       the children it knows, running or not
 * @param active      those that run
 * @param supervisors those of type {@code supervisor}, running or not
 * @param workers     those of type {@code worker}, running or not
 */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
