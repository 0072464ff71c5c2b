package dev.beamlink.otp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable map behind the collections of requests in flight ({@link RequestIds}, {@link ErpcRequests}): requests
 * of type {@code R} in the order they were added, each with the caller's label.
 *
 * @param labels each request's label, never modified once made
 * @param <R>    the requests
 * @param <L>    the labels
 */
record LabelledRequests<R, L>(Map<R, L> labels) {

    private static final LabelledRequests<?, ?> EMPTY = new LabelledRequests<>(Map.of());

    @SuppressWarnings("unchecked")
    static <R, L> LabelledRequests<R, L> empty() {
        return (LabelledRequests<R, L>) EMPTY;
    }

    /** {@return these with {@code request} labelled {@code label}} @throws IllegalArgumentException if it is in them */
    LabelledRequests<R, L> with(R request, L label) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(label, "label");
        if (labels.containsKey(request)) {
            throw new IllegalArgumentException("request " + request + " is in the collection already");
        }
        Map<R, L> more = new LinkedHashMap<>(labels);
        more.put(request, label);
        return new LabelledRequests<>(more);
    }

    /** {@return these without {@code request}} */
    LabelledRequests<R, L> without(R request) {
        Map<R, L> fewer = new LinkedHashMap<>(labels);
        fewer.remove(request);
        return new LabelledRequests<>(fewer);
    }

    /** {@return a copy of the requests and their labels} */
    Map<R, L> toMap() {
        return Map.copyOf(labels);
    }
}
