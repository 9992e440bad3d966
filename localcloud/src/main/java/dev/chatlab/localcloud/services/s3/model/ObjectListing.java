package dev.chatlab.localcloud.services.s3.model;

import java.util.List;

/**
 * One page of a bucket listing (ListObjects and ListObjectsV2 differ only in how they page).
 *
 * @param next the key or common prefix the next page starts after; null when not truncated
 */
public record ObjectListing(List<ObjectMetadata> contents, List<String> commonPrefixes, boolean truncated, String next) {

    public int keyCount() {
        return contents.size() + commonPrefixes.size();
    }
}
