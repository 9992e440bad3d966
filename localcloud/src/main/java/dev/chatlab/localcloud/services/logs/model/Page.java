package dev.chatlab.localcloud.services.logs.model;

import java.util.List;

/** One page of a Describe or Filter call; {@code nextToken} is null on the last page. */
public record Page<T>(List<T> items, String nextToken) {
}
