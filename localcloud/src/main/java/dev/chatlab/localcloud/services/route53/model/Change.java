package dev.chatlab.localcloud.services.route53.model;

/** One entry of a ChangeResourceRecordSets batch. */
public record Change(Action action, ResourceRecordSet recordSet) {

    public enum Action { CREATE, DELETE, UPSERT }
}
