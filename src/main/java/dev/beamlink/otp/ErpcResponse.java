package dev.beamlink.otp;

import java.util.Objects;

/**
 * What awaiting a collection of calls ({@link ErpcRequests}) gives: an answer with the label of the call it answers and
 * the collection left ({@code {Result, Label, NewCollection}}), {@code no_response} (nothing came in time, or the
 * message was no answer), or {@code no_request} (the collection is empty).
 *
 * @param <L> the labels
 */
public sealed interface ErpcResponse<L> {

    /**
     * An answer: the call's outcome (whose {@link ErpcOutcome#get()} throws what the call raised), its label, and the
     * collection left (without the call, if asked to delete it).
     */
    record Answered<L>(ErpcOutcome outcome, L label, ErpcRequests<L> remaining) implements ErpcResponse<L> {
        public Answered {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /** No answer ({@code no_response}). */
    record NoResponse<L>() implements ErpcResponse<L> {
    }

    /** The collection holds no call ({@code no_request}). */
    record NoRequest<L>() implements ErpcResponse<L> {
    }
}
