package dev.chatlab.localcloud.services.iam.model;

/**
 * A long-term access key of an IAM user (AKIA...). Its secret is kept because AWS shows it once
 * at creation, and because a request signed with it names only the key id.
 *
 * @param status Active or Inactive: an inactive key signs nothing
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String userName, String status, String createDate) {

    public boolean isActive() {
        return status.equals("Active");
    }

    public AccessKey withStatus(String newStatus) {
        return new AccessKey(accessKeyId, secretAccessKey, userName, newStatus, createDate);
    }
}
