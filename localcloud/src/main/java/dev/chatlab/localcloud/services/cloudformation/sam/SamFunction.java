package dev.chatlab.localcloud.services.cloudformation.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;

/**
 * One AWS::Serverless::Function as SAM expands it: {@code <Name>} (AWS::Lambda::Function),
 * {@code <Name>Role} (AWS::IAM::Role with AWSLambdaBasicExecutionRole and the Policies) unless
 * Role is given, and for each Api event its method on the implicit REST API and
 * {@code <Name><Event>PermissionProd}. Both are tagged {@code lambda:createdBy=SAM}, as SAM tags them.
 */
final class SamFunction {

    private static final String[] PASSED = {"Handler", "Runtime", "MemorySize", "Timeout", "Environment", "FunctionName", "Description",
            "Architectures", "Layers", "EphemeralStorage", "TracingConfig", "ReservedConcurrentExecutions", "LoggingConfig"};

    private SamFunction() {
    }

    static void expand(String name, ObjectNode definition, ObjectNode resources, ImplicitRestApi api) {
        JsonNode properties = definition.path("Properties");
        ObjectNode function = Json.object().put("Type", "AWS::Lambda::Function");
        ObjectNode out = function.putObject("Properties");
        out.set("Code", code(name, properties));
        for (String passed : PASSED) {
            if (properties.has(passed)) {
                out.set(passed, properties.get(passed));
            }
        }
        ArrayNode tags = out.putArray("Tags");
        tags.addObject().put("Key", "lambda:createdBy").put("Value", "SAM");
        properties.path("Tags").fields().forEachRemaining(tag -> tags.addObject().put("Key", tag.getKey()).set("Value", tag.getValue()));
        if (properties.has("Role")) {
            out.set("Role", properties.get("Role"));
        } else {
            resources.set(name + "Role", role(name, properties.path("Policies"), definition));
            out.putObject("Role").putArray("Fn::GetAtt").add(name + "Role").add("Arn");
        }
        SamTransform.copy(definition, function, "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata");
        resources.set(name, function);
        properties.path("Events").fields().forEachRemaining(event -> {
            String type = event.getValue().path("Type").asText();
            if (!type.equals("Api")) {
                throw TemplateError.validation("Transform " + SamTransform.NAME + " failed with: localcloud's SAM transform supports events of type Api, not "
                        + type + " (" + name + "." + event.getKey() + ")");
            }
            api.add(name, event.getKey(), event.getValue().path("Properties"), resources);
        });
    }

    /** CodeUri {@code s3://bucket/key} or {@code {Bucket, Key, Version}}; a local path must have been uploaded first (as sam deploy does). */
    private static ObjectNode code(String name, JsonNode properties) {
        JsonNode uri = properties.get("CodeUri");
        ObjectNode code = Json.object();
        if (uri == null && properties.has("InlineCode")) {
            return code.put("ZipFile", properties.get("InlineCode").asText());
        }
        if (uri != null && uri.isObject()) {
            code.set("S3Bucket", uri.path("Bucket"));
            code.set("S3Key", uri.path("Key"));
            if (uri.has("Version")) {
                code.set("S3ObjectVersion", uri.get("Version"));
            }
            return code;
        }
        String text = uri == null ? "" : uri.asText();
        if (!text.startsWith("s3://") || text.indexOf('/', 5) < 0) {
            throw TemplateError.validation("Transform " + SamTransform.NAME + " failed with: Resource with id [" + name
                    + "] is invalid. 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.");
        }
        int slash = text.indexOf('/', 5);
        return code.put("S3Bucket", text.substring(5, slash)).put("S3Key", text.substring(slash + 1));
    }

    private static ObjectNode role(String name, JsonNode policies, JsonNode definition) {
        ObjectNode role = Json.object().put("Type", "AWS::IAM::Role");
        ObjectNode out = role.putObject("Properties");
        ObjectNode trust = out.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17");
        ObjectNode statement = trust.putArray("Statement").addObject();
        statement.putArray("Action").add("sts:AssumeRole");
        statement.put("Effect", "Allow");
        statement.putObject("Principal").putArray("Service").add("lambda.amazonaws.com");
        ArrayNode managed = out.putArray("ManagedPolicyArns");
        managed.addObject().put("Fn::Sub", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        ArrayNode inline = Json.array();
        SamPolicies.expand(name, policies, managed, inline);
        if (!inline.isEmpty()) {
            out.set("Policies", inline);
        }
        out.putArray("Tags").addObject().put("Key", "lambda:createdBy").put("Value", "SAM");
        SamTransform.copy(definition, role, "Condition");
        return role;
    }
}
