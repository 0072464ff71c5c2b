package dev.beamlink.otp;

import java.util.Map;

/**
 * A collection of asynchronous requests, each with a label of the caller's ({@code gen_server:reqids_new/0} and
 * friends): the answers can be awaited as they come, and say which request they answer. Immutable: adding gives a
 * new collection.
 *
 * @param <L> the labels
 */
public final class RequestIds<L> {

    private static final RequestIds<?> EMPTY = new RequestIds<>(LabelledRequests.empty());

    private final LabelledRequests<RequestId, L> requests;

    private RequestIds(LabelledRequests<RequestId, L> requests) {
        this.requests = requests;
    }

    /** {@return an empty collection} */
    @SuppressWarnings("unchecked")
    public static <L> RequestIds<L> empty() {
        return (RequestIds<L>) EMPTY;
    }

    /** {@return this collection with {@code id} labelled {@code label}} @throws IllegalArgumentException if {@code id} is in it */
    public RequestIds<L> add(RequestId id, L label) {
        return new RequestIds<>(requests.with(id, label));
    }

    /** {@return this collection without {@code id}} */
    RequestIds<L> without(RequestId id) {
        return new RequestIds<>(requests.without(id));
    }

    /** {@return the label of {@code id}, or null} */
    L label(RequestId id) {
        return requests.labels().get(id);
    }

    /** {@return the requests and their labels} */
    public Map<RequestId, L> toMap() {
        return requests.toMap();
    }

    /** {@return how many requests it holds} */
    public int size() {
        return requests.labels().size();
    }

    /** {@return whether it holds none} */
    public boolean isEmpty() {
        return requests.labels().isEmpty();
    }

    @Override
    public String toString() {
        return "request ids " + requests.labels();
    }
}
