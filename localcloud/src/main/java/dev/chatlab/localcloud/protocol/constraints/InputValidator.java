package dev.chatlab.localcloud.protocol.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.XmlRequests;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.QueryParameters;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.w3c.dom.Element;

/**
 * Checks a request against the constraints of its operation's input in the service's AWS model
 * (lengths, patterns, number ranges, list and map sizes, required members) before the service
 * sees it, and refuses it as the service does: its own error code, and AWS's wording, "2
 * validation errors detected: Value '1.5' at 'timeout' failed to satisfy constraint: ...; ...".
 * One validator for every protocol: the operation is found by {@code X-Amz-Target} (JSON), by
 * {@code Action} (query) or by method and path (REST), and the input is read from wherever the
 * model says it travels. A body that does not parse is left to the service, which words that
 * error its own way.
 */
public final class InputValidator {

    private final List<ServiceModel> models;
    private final Function<String, AwsException> refusal;
    private final UnaryOperator<String> labels;

    private InputValidator(List<ServiceModel> models, Function<String, AwsException> refusal, UnaryOperator<String> labels) {
        this.models = models;
        this.refusal = refusal;
        this.labels = labels;
    }

    /**
     * @param refusal   the service's error for a request that breaks its constraints, given the message
     * @param modelNames the models whose operations the service answers ("apigateway" and "apigatewayv2" share a handler)
     */
    public static InputValidator of(Function<String, AwsException> refusal, String... modelNames) {
        return new InputValidator(Arrays.stream(modelNames).map(ServiceModel::load).toList(), refusal, UnaryOperator.identity());
    }

    /**
     * This validator, reading each REST path label as {@code normalized} gives it: the form the
     * service checks, where it takes more than its model says (Route53 takes "/hostedzone/Z1D633PJ"
     * for the id "Z1D633PJ").
     */
    public InputValidator withPathLabels(UnaryOperator<String> normalized) {
        return new InputValidator(models, refusal, normalized);
    }

    /** Throws the service's error when {@code request} breaks a constraint of its operation's input. */
    public void check(AwsRequest request) {
        check(request, () -> jsonBody(request));
    }

    /**
     * As {@link #check(AwsRequest)}, for a JSON body the service has read already (once: Lambda's
     * CreateFunction carries up to 70 MB of it).
     */
    public void check(AwsRequest request, JsonNode body) {
        Optional<InputValue> parsed = body.isObject() ? Optional.of(new JsonInput(body)) : Optional.empty();
        check(request, () -> parsed);
    }

    private void check(AwsRequest request, Supplier<Optional<InputValue>> jsonBody) {
        for (ServiceModel model : models) {
            List<String> problems = problems(model, request, labels, jsonBody);
            if (!problems.isEmpty()) {
                throw refusal.apply(AwsException.validationMessage(problems));
            }
        }
    }

    private static List<String> problems(ServiceModel model, AwsRequest request, UnaryOperator<String> labels,
                                         Supplier<Optional<InputValue>> jsonBody) {
        ConstraintChecker checker = new ConstraintChecker(model.shapes());
        switch (model.protocol()) {
            case "json" -> {
                String target = request.header("x-amz-target").orElse("");
                ServiceModel.Operation operation = model.named(target.substring(target.lastIndexOf('.') + 1));
                Optional<InputValue> body = jsonBody.get();
                if (operation != null && operation.input() != null && body.isPresent()) {
                    checker.check(operation.input(), body.get(), "");
                }
            }
            case "query" -> {
                Map<String, String> params = QueryParameters.of(request).asMap();
                ServiceModel.Operation operation = model.named(params.getOrDefault("Action", ""));
                if (operation != null && operation.input() != null) {
                    checker.check(operation.input(), QueryInput.root(params), "");
                }
            }
            default -> restProblems(model, request, checker, labels, jsonBody);
        }
        return checker.problems();
    }

    /** REST-JSON and REST-XML: the operation by method and path, each member from its place. */
    private static void restProblems(ServiceModel model, AwsRequest request, ConstraintChecker checker, UnaryOperator<String> normalized,
                                     Supplier<Optional<InputValue>> jsonBody) {
        Optional<Map.Entry<ServiceModel.Operation, Map<String, String>>> match = model.operations().stream()
                .filter(op -> op.method().equals(request.method()))
                .flatMap(op -> op.uri().match(request).map(labels -> Map.entry(op, labels)).stream())
                .max(Comparator.comparingLong(entry -> entry.getKey().uri().literals()));
        if (match.isEmpty() || match.get().getKey().input() == null) {
            return;
        }
        ServiceModel.Operation operation = match.get().getKey();
        Shape input = model.shapes().get(operation.input());
        Map<String, String> labels = match.get().getValue();
        Optional<InputValue> body = input.payload() != null ? Optional.empty()
                : model.protocol().equals("rest-xml") ? xmlBody(request, operation.root()) : jsonBody.get();
        if (request.body().length > 0 && input.payload() == null && body.isEmpty()) {
            return; // a body that does not parse: the service's own error
        }
        checker.structure(input, "", member -> switch (String.valueOf(member.getValue().location())) {
            case "uri" -> TextInput.of(labels.containsKey(member.getValue().locationName())
                    ? normalized.apply(labels.get(member.getValue().locationName())) : null);
            case "querystring" -> TextInput.of(request.queryParams().get(member.getValue().locationName()));
            case "header" -> TextInput.of(request.header(member.getValue().locationName()).orElse(null));
            default -> member.getKey().equals(input.payload()) ? null
                    : body.map(value -> value.member(ConstraintChecker.wireName(member))).orElse(null);
        });
    }

    private static Optional<InputValue> jsonBody(AwsRequest request) {
        try {
            JsonNode body = Json.parse(request.body(), () -> new AwsException("SerializationException", 400, "not JSON"));
            return body.isObject() ? Optional.of(new JsonInput(body)) : Optional.empty();
        } catch (AwsException notJson) {
            return Optional.empty();
        }
    }

    /** The body as XML, if it is XML with the root element the operation's model names (else it is the service's to refuse). */
    private static Optional<InputValue> xmlBody(AwsRequest request, String rootName) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        try {
            Element root = XmlRequests.parseRoot(request.body());
            return rootName == null || rootName.equals(root.getLocalName()) ? Optional.of(new XmlInput(root)) : Optional.empty();
        } catch (Exception notXml) {
            return Optional.empty();
        }
    }
}
