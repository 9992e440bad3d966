package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.AwsException;

/**
 * Where the HTTP layer hands a request once it has read it (routing.ServiceRouter): the HTTP
 * layer knows how to read and write requests, the dispatcher which service answers them.
 */
public interface RequestDispatcher {

    /** Whoever answers a request with this head (the body is not read yet), or null when none would take it. */
    HttpEndpoint serviceOf(AwsRequest head);

    /** The answer to a request whose body has been read. */
    AwsResponse route(AwsRequest request);

    /** Answers {@code error} in the shape of the service {@code head} goes to (a body too large, a body too slow). */
    AwsResponse refuse(AwsRequest head, AwsException error);
}
