package dev.beamlink.otp;

import java.util.Map;

/**
 * A collection of calls in flight, each with a label of the caller's ({@code erpc:reqids_new/0} and friends): their
 * outcomes can be awaited as they come, and say which call they answer. Immutable: adding gives a new collection.
 *
 * @param <L> the labels
 */
public final class ErpcRequests<L> {

    private static final ErpcRequests<?> EMPTY = new ErpcRequests<>(LabelledRequests.empty());

    private final LabelledRequests<ErpcRequest, L> requests;

    private ErpcRequests(LabelledRequests<ErpcRequest, L> requests) {
        this.requests = requests;
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
        return new ErpcRequests<>(requests.with(request, label));
    }

    /** {@return this collection without {@code request}} */
    ErpcRequests<L> without(ErpcRequest request) {
        return new ErpcRequests<>(requests.without(request));
    }

    /** {@return the calls and their labels} ({@code erpc:reqids_to_list/1}) */
    public Map<ErpcRequest, L> toMap() {
        return requests.toMap();
    }

    /** {@return how many calls it holds} ({@code erpc:reqids_size/1}) */
    public int size() {
        return requests.labels().size();
    }

    /** {@return whether it holds none} */
    public boolean isEmpty() {
        return requests.labels().isEmpty();
    }

    @Override
    public String toString() {
        return "erpc requests " + requests.labels();
    }
}
