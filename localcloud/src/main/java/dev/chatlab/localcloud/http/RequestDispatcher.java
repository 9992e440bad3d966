package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.AwsException;
import java.util.function.Consumer;

/**
 * Where the HTTP layer hands a request once it has read it (routing.ServiceRouter): the HTTP
 * layer knows how to read and write requests, the dispatcher which service answers them.
 */
public interface RequestDispatcher {

    /** Whoever answers a request with this head (the body is not read yet), or null when none would take it. */
    HttpEndpoint serviceOf(AwsRequest head);

    /**
     * Answers a request whose body has been read: {@code reply} runs once with the answer, on
     * this thread or, when the answer must wait for the disk, on another.
     */
    void route(AwsRequest request, Consumer<AwsResponse> reply);

    /** Answers {@code error} in the shape of the service {@code head} goes to (a body too large, a body too slow). */
    AwsResponse refuse(AwsRequest head, AwsException error);
}
