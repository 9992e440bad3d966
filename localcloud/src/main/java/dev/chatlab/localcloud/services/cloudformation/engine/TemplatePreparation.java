package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import dev.chatlab.localcloud.services.cloudformation.sam.SamTransform;
import dev.chatlab.localcloud.services.cloudformation.template.Dependencies;
import dev.chatlab.localcloud.services.cloudformation.template.ParameterValues;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateReader;
import java.util.List;
import java.util.Map;

/**
 * From a template body to a {@link DesiredStack}: read, transformed (SAM), checked, its
 * parameters resolved, its conditions evaluated, all before the stack operation starts, so
 * that a bad template answers ValidationError to the call itself, as on AWS.
 */
public final class TemplatePreparation {

    private final ResourceProviders providers;

    public TemplatePreparation(ResourceProviders providers) {
        this.providers = providers;
    }

    public ResourceProviders providers() {
        return providers;
    }

    /** Reads and checks the template's sections (no transform): for ValidateTemplate and GetTemplateSummary. */
    public Template read(String body) {
        return Template.of(TemplateReader.read(body));
    }

    /**
     * @param transformsNeedCapability true for CreateStack/UpdateStack, where a transform needs CAPABILITY_AUTO_EXPAND
     *                                 (a change set shows the expansion instead)
     */
    public DesiredStack prepare(String body, Map<String, String> given, List<String> capabilities, Map<String, String> tags,
                                boolean transformsNeedCapability, String changeSetId) {
        Template original = read(body);
        Template processed = original;
        if (!original.transforms().isEmpty()) {
            if (transformsNeedCapability && !capabilities.contains("CAPABILITY_AUTO_EXPAND")) {
                throw TemplateChecks.insufficient("CAPABILITY_AUTO_EXPAND");
            }
            processed = transform(original);
        }
        Dependencies dependencies = TemplateChecks.check(processed, providers);
        TemplateChecks.checkCapabilities(processed, capabilities);
        ParameterValues parameters = ParameterValues.resolve(processed, given);
        return new DesiredStack(body, processed, parameters, dependencies, capabilities, tags, changeSetId);
    }

    private static Template transform(Template original) {
        ObjectNode root = original.root().deepCopy();
        for (String transform : original.transforms()) {
            if (!transform.equals(SamTransform.NAME)) {
                throw TemplateError.validation("Transform " + transform + " is not supported by localcloud (only " + SamTransform.NAME + ")");
            }
            root = SamTransform.expand(root);
        }
        root.remove("Transform");
        return Template.of(root);
    }
}
