package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.CloudContext;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.ParsedOnce;
import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.Tag;
import dev.chatlab.localcloud.services.iam.policy.PolicyDocument;
import dev.chatlab.localcloud.services.iam.policy.PolicyKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * IAM's roles: trust policies, attached managed policies, inline policies and tags, kept in
 * Storage ("iam.roles", by lower-cased name: IAM names are unique regardless of case). Managed
 * policies are {@link #policies()}, the simulator is {@link PolicySimulator}.
 */
public final class IamService {

    /** IAM's default quota of managed policies attached to one role. */
    static final int MAX_ATTACHED_POLICIES = 10;
    static final int MAX_TAGS = 50;

    private final String accountId;
    private final Clock clock;
    private final MVMap<String, String> roles;
    private final ManagedPolicies policies;
    private final ParsedOnce<PolicyDocument> parsedPolicies = new ParsedOnce<>(json -> PolicyDocument.parse(json, PolicyKind.IDENTITY));
    private final ParsedOnce<Role> storedRoles = new ParsedOnce<>(IamService::read);

    public IamService(CloudContext context) {
        this.accountId = context.accountId();
        this.clock = context.clock();
        this.roles = context.storage().map("iam.roles");
        this.policies = new ManagedPolicies(context.storage(), accountId, clock);
        policies.countAttachmentsWith(this::attachmentCount);
    }

    public String accountId() {
        return accountId;
    }

    public ManagedPolicies policies() {
        return policies;
    }

    // Roles

    public synchronized Role createRole(String name, String path, String trustPolicy, String description,
                                        Integer maxSessionDuration, List<Tag> tags) {
        checkTrustPolicy(trustPolicy);
        checkTags(tags);
        if (roles.containsKey(key(name))) {
            throw IamErrors.entityAlreadyExists("Role with name " + name + " already exists.");
        }
        String rolePath = path == null ? "/" : path;
        Role role = new Role(name, IamIds.roleId(), "arn:aws:iam::" + accountId + ":role" + rolePath + name, rolePath,
                IamIds.timestamp(clock), trustPolicy, description, maxSessionDuration == null ? 3600 : maxSessionDuration,
                tags, List.of(), Map.of());
        save(role);
        return role;
    }

    public Role getRole(String name) {
        return findRole(name).orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    public Optional<Role> findRole(String name) {
        String json = roles.get(key(name));
        return json == null ? Optional.empty() : Optional.of(storedRoles.get(json));
    }

    /** The role an ARN names (arn:aws:iam::000000000000:role/path/Name), if it exists in this account. */
    public Optional<Role> findRoleByArn(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":role/";
        if (arn == null || !arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return findRole(name).filter(role -> role.arn().equals(arn));
    }

    public List<Role> listRoles(String pathPrefix) {
        return roles.values().stream().map(IamService::read)
                .filter(role -> pathPrefix == null || role.path().startsWith(pathPrefix))
                .sorted(Comparator.comparing(Role::roleName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public synchronized void updateAssumeRolePolicy(String name, String trustPolicy) {
        Role role = getRole(name);
        checkTrustPolicy(trustPolicy);
        save(role.withTrustPolicy(trustPolicy));
    }

    public synchronized Role updateRole(String name, String description, Integer maxSessionDuration) {
        Role role = getRole(name);
        Role updated = role.withDescription(description == null ? role.description() : description,
                maxSessionDuration == null ? role.maxSessionDuration() : maxSessionDuration);
        save(updated);
        return updated;
    }

    public synchronized void deleteRole(String name) {
        Role role = getRole(name);
        if (!role.attachedPolicies().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (!role.inlinePolicies().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        roles.remove(key(name));
    }

    // Tags

    public synchronized void tagRole(String name, List<Tag> tags) {
        Role role = getRole(name);
        checkTags(tags);
        Map<String, Tag> merged = new LinkedHashMap<>();
        role.tags().forEach(tag -> merged.put(tag.key(), tag));
        tags.forEach(tag -> merged.put(tag.key(), tag));
        if (merged.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        save(role.withTags(new ArrayList<>(merged.values())));
    }

    public synchronized void untagRole(String name, List<String> keys) {
        Role role = getRole(name);
        save(role.withTags(role.tags().stream().filter(tag -> !keys.contains(tag.key())).toList()));
    }

    // Managed policies attached to roles

    public synchronized void attachRolePolicy(String name, String policyArn) {
        Role role = getRole(name);
        ManagedPolicy policy = policies.find(policyArn)
                .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
        if (role.attachedPolicies().contains(policy.arn())) {
            return; // attaching twice is not an error on AWS
        }
        if (role.attachedPolicies().size() >= MAX_ATTACHED_POLICIES) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPerRole: " + MAX_ATTACHED_POLICIES);
        }
        List<String> attached = new ArrayList<>(role.attachedPolicies());
        attached.add(policy.arn());
        save(role.withAttachedPolicies(attached));
    }

    public synchronized void detachRolePolicy(String name, String policyArn) {
        Role role = getRole(name);
        if (!role.attachedPolicies().contains(policyArn)) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
        }
        List<String> attached = new ArrayList<>(role.attachedPolicies());
        attached.remove(policyArn);
        save(role.withAttachedPolicies(attached));
    }

    /** The managed policies attached to a role, in attachment order. */
    public List<ManagedPolicy> attachedPolicies(String name, String pathPrefix) {
        return getRole(name).attachedPolicies().stream()
                .map(policies::find).flatMap(Optional::stream)
                .filter(policy -> pathPrefix == null || policy.path().startsWith(pathPrefix))
                .toList();
    }

    /** The roles a managed policy is attached to (ListEntitiesForPolicy). */
    public List<Role> rolesWithPolicy(String policyArn) {
        policies.get(policyArn);
        return listRoles(null).stream().filter(role -> role.attachedPolicies().contains(policyArn)).toList();
    }

    private int attachmentCount(String policyArn) {
        return (int) roles.values().stream().map(IamService::read).filter(role -> role.attachedPolicies().contains(policyArn)).count();
    }

    // Inline policies

    public synchronized void putRolePolicy(String name, String policyName, String document) {
        Role role = getRole(name);
        PolicyDocuments.parse(document, PolicyKind.IDENTITY);
        Map<String, String> inline = new LinkedHashMap<>(role.inlinePolicies());
        inline.put(policyName, document);
        int total = inline.values().stream().mapToInt(PolicyDocuments::size).sum();
        if (total > PolicyDocuments.ROLE_INLINE_POLICIES_SIZE) {
            throw IamErrors.limitExceeded("Maximum policy size of " + PolicyDocuments.ROLE_INLINE_POLICIES_SIZE + " bytes exceeded for role " + role.roleName());
        }
        save(role.withInlinePolicies(inline));
    }

    public String getRolePolicy(String name, String policyName) {
        String document = getRole(name).inlinePolicies().get(policyName);
        if (document == null) {
            throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
        }
        return document;
    }

    public synchronized void deleteRolePolicy(String name, String policyName) {
        Role role = getRole(name);
        if (!role.inlinePolicies().containsKey(policyName)) {
            throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
        }
        Map<String, String> inline = new LinkedHashMap<>(role.inlinePolicies());
        inline.remove(policyName);
        save(role.withInlinePolicies(inline));
    }

    public List<String> listRolePolicies(String name) {
        return getRole(name).inlinePolicies().keySet().stream().sorted().toList();
    }

    /**
     * Everything that grants or denies a role's sessions something: the default version of each
     * attached managed policy (source id: the policy ARN) and each inline policy (source id: its name).
     */
    public List<PolicyDocument> identityPolicies(Role role) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (String arn : role.attachedPolicies()) {
            policies.find(arn).ifPresent(policy -> documents.add(
                    parsedPolicies.get(policy.defaultVersion().document()).withSourceId(policy.arn())));
        }
        role.inlinePolicies().forEach((policyName, json) ->
                documents.add(parsedPolicies.get(json).withSourceId(policyName)));
        return documents;
    }

    /** A role's trust policy, parsed. */
    public PolicyDocument trustPolicy(Role role) {
        return PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST).withSourceId(role.arn());
    }

    // Checks

    /** Trust policies: the grammar, the size quota, and that the roles (and users) they name in this account exist. */
    private void checkTrustPolicy(String json) {
        PolicyDocument trust = PolicyDocuments.parse(json, PolicyKind.TRUST);
        if (PolicyDocuments.size(json) > PolicyDocuments.TRUST_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + PolicyDocuments.TRUST_POLICY_SIZE);
        }
        String ownRoles = "arn:aws:iam::" + accountId + ":role/";
        String ownUsers = "arn:aws:iam::" + accountId + ":user/"; // localcloud has no IAM users
        trust.statements().forEach(statement -> statement.principals().getOrDefault("AWS", List.of()).forEach(value -> {
            if ((value.startsWith(ownRoles) && findRoleByArn(value).isEmpty()) || value.startsWith(ownUsers)) {
                throw IamErrors.malformedPolicyDocument(PolicyDocument.invalidPrincipal("AWS", value));
            }
        }));
    }

    private static void checkTags(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw QueryParameters.validation("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
        }
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128 || !tag.key().matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+")) {
                throw IamErrors.invalidInput("The specified value for tagKey is invalid. It must contain only alphanumeric characters and the special characters _ . : / = + - @.");
            }
            if (tag.value() == null || tag.value().length() > 256 || !tag.value().matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*")) {
                throw IamErrors.invalidInput("The specified value for tagValue is invalid. It must contain only alphanumeric characters and the special characters _ . : / = + - @.");
            }
        }
    }

    private void save(Role role) {
        roles.put(key(role.roleName()), Json.write(role));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Role read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Role.class);
    }
}
