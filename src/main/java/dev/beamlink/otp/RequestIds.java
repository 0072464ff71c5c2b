package dev.beamlink.otp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A collection of asynchronous requests, each with a label of the caller's ({@code gen_server:reqids_new/0} and
 * friends): the answers can be awaited as they come, and say which request they answer. Immutable: adding gives a
 * new collection.
 *
 * @param <L> the labels
 */
public final class RequestIds<L> {

    private static final RequestIds<?> EMPTY = new RequestIds<>(Map.of());

    private final Map<RequestId, L> labels;

    private RequestIds(Map<RequestId, L> labels) {
        this.labels = labels;
    }

    /** {@return an empty collection} */
    @SuppressWarnings("unchecked")
    public static <L> RequestIds<L> empty() {
        return (RequestIds<L>) EMPTY;
    }

    /** {@return this collection with {@code id} labelled {@code label}} @throws IllegalArgumentException if {@code id} is in it */
    public RequestIds<L> add(RequestId id, L label) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (labels.containsKey(id)) {
            throw new IllegalArgumentException("request " + id + " is in the collection already");
        }
        Map<RequestId, L> more = new LinkedHashMap<>(labels);
        more.put(id, label);
        return new RequestIds<>(more);
    }

    /** {@return this collection without {@code id}} */
    RequestIds<L> without(RequestId id) {
        Map<RequestId, L> fewer = new LinkedHashMap<>(labels);
        fewer.remove(id);
        return new RequestIds<>(fewer);
    }

    /** {@return the label of {@code id}, or null} */
    L label(RequestId id) {
        return labels.get(id);
    }

    /** {@return the requests and their labels} */
    public Map<RequestId, L> toMap() {
        return Map.copyOf(labels);
    }

    /** {@return how many requests it holds} */
    public int size() {
        return labels.size();
    }

    /** {@return whether it holds none} */
    public boolean isEmpty() {
        return labels.isEmpty();
    }

    @Override
    public String toString() {
        return "request ids " + labels;
    }
}
