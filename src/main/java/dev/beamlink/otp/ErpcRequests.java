package dev.beamlink.otp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A collection of calls in flight, each with a label of the caller's ({@code erpc:reqids_new/0} and friends): their
 * outcomes can be awaited as they come, and say which call they answer. Immutable: adding gives a new collection.
 *
 * @param <L> the labels
 */
public final class ErpcRequests<L> {

    private static final ErpcRequests<?> EMPTY = new ErpcRequests<>(Map.of());

    private final Map<ErpcRequest, L> labels;

    private ErpcRequests(Map<ErpcRequest, L> labels) {
        this.labels = labels;
    }

    /** {@return an empty collection} ({@code erpc:reqids_new/0}) */
    @SuppressWarnings("unchecked")
    public static <L> ErpcRequests<L> empty() {
        return (ErpcRequests<L>) EMPTY;
    }

    /**
     * {@return this collection with {@code request} labelled {@code label}} ({@code erpc:reqids_add/3})
     *
     * @throws IllegalArgumentException if {@code request} is in it
     */
    public ErpcRequests<L> add(ErpcRequest request, L label) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(label, "label");
        if (labels.containsKey(request)) {
            throw new IllegalArgumentException("request " + request + " is in the collection already");
        }
        Map<ErpcRequest, L> more = new LinkedHashMap<>(labels);
        more.put(request, label);
        return new ErpcRequests<>(more);
    }

    /** {@return this collection without {@code request}} */
    ErpcRequests<L> without(ErpcRequest request) {
        Map<ErpcRequest, L> fewer = new LinkedHashMap<>(labels);
        fewer.remove(request);
        return new ErpcRequests<>(fewer);
    }

    /** {@return the calls and their labels} ({@code erpc:reqids_to_list/1}) */
    public Map<ErpcRequest, L> toMap() {
        return Map.copyOf(labels);
    }

    /** {@return how many calls it holds} ({@code erpc:reqids_size/1}) */
    public int size() {
        return labels.size();
    }

    /** {@return whether it holds none} */
    public boolean isEmpty() {
        return labels.isEmpty();
    }

    @Override
    public String toString() {
        return "erpc requests " + labels;
    }
}
