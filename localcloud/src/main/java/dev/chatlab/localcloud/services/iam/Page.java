package dev.chatlab.localcloud.services.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list answer (IAM's Marker/MaxItems/IsTruncated). The marker is opaque to the
 * caller; here it encodes the position of the next item.
 */
public record Page<T>(List<T> items, boolean truncated, String marker) {

    /** IAM's default MaxItems. */
    public static final int DEFAULT_MAX_ITEMS = 100;

    public static <T> Page<T> of(List<T> all, String marker, Integer maxItems) {
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw IamErrors.invalidInput("Invalid Marker.");
            }
        }
        int size = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int from = Math.min(Math.max(start, 0), all.size());
        int to = Math.min(from + size, all.size());
        boolean truncated = to < all.size();
        String next = truncated ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), truncated, next);
    }
}
