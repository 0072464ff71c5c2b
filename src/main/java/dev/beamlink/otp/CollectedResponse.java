package dev.beamlink.otp;

import java.util.Objects;

/**
 * An answer awaited from a {@link RequestIds} collection: {@code {Response, Label, NewCollection}}, {@code no_request}
 * (the collection is empty) or {@code timeout}.
 *
 * @param <L> the labels
 */
public sealed interface CollectedResponse<L> {

    /** An answer, the label of the request it answers, and the collection left (without it, if asked to delete). */
    record Answered<L>(Response response, L label, RequestIds<L> remaining) implements CollectedResponse<L> {
        public Answered {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /** The collection holds no request. */
    record NoRequest<L>() implements CollectedResponse<L> {
    }

    /** No answer came in time. */
    record TimedOut<L>() implements CollectedResponse<L> {
    }
}
