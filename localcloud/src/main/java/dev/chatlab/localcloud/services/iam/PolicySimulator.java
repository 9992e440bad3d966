package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.policy.AuthorizationRequest;
import dev.chatlab.localcloud.policy.Evaluation;
import dev.chatlab.localcloud.policy.MalformedPolicyException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Principal;
import dev.chatlab.localcloud.policy.StatementPositions;
import dev.chatlab.localcloud.services.iam.model.Group;
import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.PolicyHolder;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.SimulationResult;
import dev.chatlab.localcloud.services.iam.model.User;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM's policy simulator, on the same {@link PolicyEngine} every localcloud service uses.
 * SimulatePrincipalPolicy evaluates a role's, user's or group's attached and inline policies (a user's groups' too; plus any extra
 * PolicyInputList); SimulateCustomPolicy only the given documents.
 */
public final class PolicySimulator {

    /** What a simulation is asked: actions, resources (none means "*"), context, resource policy. */
    public record Request(List<String> actionNames, List<String> resourceArns, Map<String, List<String>> context,
                          String resourcePolicy, String callerArn) {
    }

    /** A policy with what the simulator reports as its SourcePolicyId and SourcePolicyType. */
    private record Source(PolicyDocument document, String id, String type) {
    }

    private final IamService iam;
    private final PolicyEngine engine = new PolicyEngine();

    public PolicySimulator(IamService iam) {
        this.iam = iam;
    }

    /** A role's, a user's (with its groups') or a group's policies, with any extra PolicyInputList. */
    public List<SimulationResult> simulatePrincipal(String policySourceArn, List<String> extraPolicies, Request request) {
        String name = policySourceArn.substring(policySourceArn.lastIndexOf('/') + 1);
        List<Source> sources = new ArrayList<>();
        if (policySourceArn.contains(":user/")) {
            User user = iam.users().findUserByArn(policySourceArn)
                    .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + name + " cannot be found."));
            addSources(sources, user, "user");
            user.groups().forEach(group -> addSources(sources, iam.users().getGroup(group), "group"));
        } else if (policySourceArn.contains(":group/")) {
            Group group = iam.users().getGroup(name);
            if (!group.arn().equals(policySourceArn)) {
                throw IamErrors.noSuchEntity("The group with name " + name + " cannot be found.");
            }
            addSources(sources, group, "group");
        } else {
            Role role = iam.findRoleByArn(policySourceArn).orElseThrow(() -> policySourceArn.contains(":role/")
                    ? IamErrors.noSuchEntity("The role with name " + name + " cannot be found.")
                    : IamErrors.invalidInput("Invalid ARN " + policySourceArn + ": a role, user or group of this account is expected."));
            addSources(sources, role, "role");
        }
        sources.addAll(inputPolicies(extraPolicies));
        String caller = request.callerArn() == null ? policySourceArn : request.callerArn();
        return simulate(sources, request, caller);
    }

    /** A holder's attached policies, then its inline ones (SourcePolicyType: the kind of holder). */
    private void addSources(List<Source> sources, PolicyHolder<?> holder, String inlineType) {
        for (String arn : holder.attachedPolicies()) {
            ManagedPolicy policy = iam.policies().get(arn);
            sources.add(new Source(PolicyDocument.parse(policy.defaultVersion().document(), PolicyKind.IDENTITY),
                    policy.policyName(), policy.awsManaged() ? "aws-managed" : "user-managed"));
        }
        holder.inlinePolicies().forEach((policyName, json) -> sources.add(new Source(PolicyDocument.parse(json, PolicyKind.IDENTITY), policyName, inlineType)));
    }

    public List<SimulationResult> simulateCustom(List<String> policies, Request request) {
        return simulate(inputPolicies(policies), request, request.callerArn());
    }

    private static List<Source> inputPolicies(List<String> policies) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            sources.add(new Source(parseInput(policies.get(i), PolicyKind.IDENTITY), "PolicyInputList." + (i + 1), "none"));
        }
        return sources;
    }

    /** The simulator answers a policy it cannot read with InvalidInput (it has no MalformedPolicyDocument). */
    private static PolicyDocument parseInput(String json, PolicyKind kind) {
        try {
            return PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.invalidInput(e.getMessage());
        }
    }

    private static SimulationResult.MatchedSource matched(Source source, Evaluation.MatchedStatement statement) {
        List<StatementPositions.Span> spans = StatementPositions.of(source.document().json());
        int index = statement.statement().index();
        return new SimulationResult.MatchedSource(source.id(), source.type(), index < spans.size() ? spans.get(index) : null);
    }

    private List<SimulationResult> simulate(List<Source> sources, Request request, String callerArn) {
        Map<PolicyDocument, Source> byDocument = new IdentityHashMap<>();
        List<PolicyDocument> identity = new ArrayList<>();
        for (Source source : sources) {
            byDocument.put(source.document(), source);
            identity.add(source.document());
        }
        PolicyDocument resourcePolicy = null;
        if (request.resourcePolicy() != null) {
            resourcePolicy = parseInput(request.resourcePolicy(), PolicyKind.RESOURCE);
            byDocument.put(resourcePolicy, new Source(resourcePolicy, "ResourcePolicy", "resource"));
            if (callerArn == null) {
                throw IamErrors.invalidInput("CallerArn must be specified when a ResourcePolicy is provided.");
            }
        }
        Principal principal = callerArn == null ? Principal.aws("", iam.accountId()) : Principal.aws(callerArn, iam.accountId());
        boolean resourceSpecific = !request.resourceArns().isEmpty();
        List<String> resources = resourceSpecific ? request.resourceArns() : List.of("*");
        List<SimulationResult> results = new ArrayList<>();
        for (String action : request.actionNames()) {
            for (String resource : resources) {
                AuthorizationRequest authorization = new AuthorizationRequest(principal, action, resource, request.context());
                Evaluation evaluation = engine.evaluate(authorization, identity, resourcePolicy);
                List<SimulationResult.MatchedSource> matched = evaluation.matchedStatements().stream()
                        .map(matchedStatement -> matched(byDocument.get(matchedStatement.policy()), matchedStatement))
                        .toList();
                results.add(new SimulationResult(action, resource, evaluation.decision().simulatorName(), matched,
                        PolicyEngine.missingContextKeys(authorization, identity, resourcePolicy), resourceSpecific));
            }
        }
        return results;
    }
}
