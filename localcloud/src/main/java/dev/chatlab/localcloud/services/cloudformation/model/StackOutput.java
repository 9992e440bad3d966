package dev.chatlab.localcloud.services.cloudformation.model;

public record StackOutput(String outputKey, String outputValue, String description, String exportName) {
}
