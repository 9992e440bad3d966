package dev.chatlab.localcloud.services.route53.model;

import java.util.List;

/**
 * One page of a listing and where the next one starts.
 *
 * @param items the items of this page
 * @param next  the first item of the next page, or null when this is the last page
 */
public record Page<T>(List<T> items, T next) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean isTruncated() {
        return next != null;
    }
}
