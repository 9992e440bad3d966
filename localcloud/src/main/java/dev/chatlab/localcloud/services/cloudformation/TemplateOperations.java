package dev.chatlab.localcloud.services.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.protocol.QueryProtocol;
import dev.chatlab.localcloud.services.cloudformation.engine.TemplateChecks;
import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceFailure;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** GetTemplate, ValidateTemplate and GetTemplateSummary, and reading a TemplateURL from localcloud's S3. */
final class TemplateOperations {

    private final CloudFormationService stacks;
    private final ChangeSetService changeSets;

    TemplateOperations(CloudFormationService stacks, ChangeSetService changeSets) {
        this.stacks = stacks;
        this.changeSets = changeSets;
    }

    void register(Map<String, QueryProtocol.Operation> operations) {
        operations.put("GetTemplate", this::getTemplate);
        operations.put("ValidateTemplate", (p, xml, r) -> {
            Template template = template(p, r);
            QueryProtocol.result(xml, "ValidateTemplate", () -> {
                xml.start("Parameters");
                template.parameters().forEach((key, declaration) -> xml.start("member").element("ParameterKey", key)
                        .element("DefaultValue", text(declaration.get("Default"))).element("NoEcho", declaration.path("NoEcho").asBoolean(false))
                        .element("Description", text(declaration.get("Description"))).end());
                xml.end().element("Description", template.description());
                capabilities(xml, template);
                StackXml.strings(xml, "DeclaredTransforms", template.transforms());
            });
        });
        operations.put("GetTemplateSummary", (p, xml, r) -> {
            Template template = p.optional("StackName").isPresent() && p.optional("TemplateBody").isEmpty()
                    ? stacks.preparation().read(stacks.stack(CloudFormationHandler.region(r), p.required("StackName")).templateBody)
                    : template(p, r);
            QueryProtocol.result(xml, "GetTemplateSummary", () -> summary(xml, template));
        });
    }

    private void getTemplate(QueryParameters p, XmlWriter xml, AwsRequest r) {
        String stage = p.optional("TemplateStage").orElse("Original");
        String body;
        if (p.optional("ChangeSetName").isPresent()) {
            ChangeSet changeSet = changeSets.find(CloudFormationHandler.region(r), p.required("ChangeSetName"), p.optional("StackName").orElse(null));
            body = stage.equals("Processed") ? Json.write(stacks.preparation().prepare(changeSet.templateBody(), changeSet.parameters(),
                    changeSet.capabilities(), changeSet.tags(), false, null).template().root()) : changeSet.templateBody();
        } else {
            Stack stack = stacks.stack(CloudFormationHandler.region(r), p.required("StackName"));
            body = stage.equals("Processed") ? stack.processedTemplate : stack.templateBody;
        }
        QueryProtocol.result(xml, "GetTemplate", () -> xml.element("TemplateBody", body)
                .start("StagesAvailable").element("member", "Original").element("member", "Processed").end());
    }

    private Template template(QueryParameters p, AwsRequest r) {
        String body = p.optional("TemplateBody").orElseGet(() -> p.optional("TemplateURL").map(this::fromUrl).orElse(null));
        if (body == null) {
            throw TemplateError.validation("Either Template URL or Template Body must be specified.");
        }
        Template template = stacks.preparation().read(body);
        if (template.transforms().isEmpty()) {
            TemplateChecks.check(template, stacks.preparation().providers());
        }
        return template;
    }

    private static void summary(XmlWriter xml, Template template) {
        xml.start("Parameters");
        template.parameters().forEach((key, declaration) -> {
            xml.start("member").element("ParameterKey", key).element("DefaultValue", text(declaration.get("Default")))
                    .element("ParameterType", text(declaration.get("Type"))).element("NoEcho", declaration.path("NoEcho").asBoolean(false))
                    .element("Description", text(declaration.get("Description")));
            xml.start("ParameterConstraints");
            if (declaration.has("AllowedValues")) {
                xml.start("AllowedValues");
                declaration.get("AllowedValues").forEach(value -> xml.element("member", value.asText()));
                xml.end();
            }
            xml.end().end();
        });
        xml.end().element("Description", template.description());
        capabilities(xml, template);
        TreeSet<String> types = new TreeSet<>();
        template.resources().values().forEach(resource -> types.add(resource.path("Type").asText()));
        StackXml.strings(xml, "ResourceTypes", new ArrayList<>(types));
        xml.element("Version", template.root().path("AWSTemplateFormatVersion").asText("2010-09-09"));
        StackXml.strings(xml, "DeclaredTransforms", template.transforms());
    }

    /** The capabilities the template needs, and why, as ValidateTemplate answers them. */
    private static void capabilities(XmlWriter xml, Template template) {
        List<String> needing = new ArrayList<>();
        String capability = null;
        if (!template.transforms().isEmpty()) {
            capability = "CAPABILITY_AUTO_EXPAND";
            needing.addAll(template.transforms());
        } else {
            for (var entry : template.resources().entrySet()) {
                String type = entry.getValue().path("Type").asText();
                if (type.startsWith("AWS::IAM::")) {
                    needing.add(entry.getKey());
                    boolean named = entry.getValue().path("Properties").has("RoleName");
                    capability = named || "CAPABILITY_NAMED_IAM".equals(capability) ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM";
                }
            }
        }
        if (capability != null) {
            xml.start("Capabilities").element("member", capability).end()
                    .element("CapabilitiesReason", "The following resource(s) require capabilities: " + needing);
        }
    }

    /**
     * A TemplateURL's object from localcloud's S3: {@code https://<bucket>.s3[.<region>].amazonaws.com/<key>},
     * {@code https://s3[.<region>].amazonaws.com/<bucket>/<key>} or localcloud's own {@code http://localhost:4566/<bucket>/<key>}.
     */
    String fromUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw TemplateError.validation("TemplateURL must be a supported URL.");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        int s3 = host.indexOf(".s3");
        String bucket;
        String key;
        if (s3 > 0) {
            bucket = host.substring(0, s3);
            key = path;
        } else {
            int slash = path.indexOf('/');
            if (slash < 0) {
                throw TemplateError.validation("TemplateURL must reference a valid S3 object to which you have access.");
            }
            bucket = path.substring(0, slash);
            key = path.substring(slash + 1);
        }
        try {
            return stacks.readObject(AccountAndRegion.DEFAULT_REGION, "test", bucket, key);
        } catch (ResourceFailure e) {
            throw TemplateError.validation("TemplateURL must reference a valid S3 object to which you have access.");
        }
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.isArray() ? String.join(",", Json.MAPPER.convertValue(value, String[].class)) : value.asText();
    }
}
