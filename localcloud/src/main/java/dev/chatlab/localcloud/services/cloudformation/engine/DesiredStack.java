package dev.chatlab.localcloud.services.cloudformation.engine;

import dev.chatlab.localcloud.services.cloudformation.template.Dependencies;
import dev.chatlab.localcloud.services.cloudformation.template.ParameterValues;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import java.util.List;
import java.util.Map;

/**
 * What a stack operation makes the stack into: the processed template, checked, with its
 * parameter values, and what the caller sent (the original body, capabilities, tags).
 */
public record DesiredStack(String templateBody, Template template, ParameterValues parameters, Dependencies dependencies,
                           List<String> capabilities, Map<String, String> tags, String changeSetId) {
}
