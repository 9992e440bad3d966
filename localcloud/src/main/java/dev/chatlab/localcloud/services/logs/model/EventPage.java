package dev.chatlab.localcloud.services.logs.model;

import java.util.List;

/** One page of GetLogEvents: the events, oldest first, and the tokens to page on in either direction. */
public record EventPage(List<LogEvent> events, String nextForwardToken, String nextBackwardToken) {
}
