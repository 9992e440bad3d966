package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.Tag;
import dev.chatlab.localcloud.storage.Documents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's roles: trust policies, attached managed policies, inline policies and tags, kept in
 * Storage ("iam.roles", by lower-cased name: IAM names are unique regardless of case). Managed
 * policies are {@link #policies()}, the simulator is {@link PolicySimulator}.
 */
public final class IamService {

    static final int MAX_TAGS = 50;

    private final String accountId;
    private final Clock clock;
    private final Documents<Role> roles;
    private final ManagedPolicies policies;
    private final HeldPolicies<Role> rolePolicies;
    private final IamUsers users;

    public IamService(CloudContext context) {
        this.accountId = context.accountId();
        this.clock = context.clock();
        this.roles = context.storage().documents("iam.roles", Role.class);
        this.policies = new ManagedPolicies(context.storage(), accountId, clock);
        this.rolePolicies = new HeldPolicies<>(HeldPolicies.Kind.ROLE, this, policies, this::getRole, this::save);
        this.users = new IamUsers(context.storage(), accountId, clock, policies);
        policies.countAttachmentsWith(this::attachmentCount);
    }

    public String accountId() {
        return accountId;
    }

    public ManagedPolicies policies() {
        return policies;
    }

    /** Users, groups and their access keys. */
    public IamUsers users() {
        return users;
    }

    // Roles

    public synchronized Role createRole(String name, String path, String trustPolicy, String description,
                                        Integer maxSessionDuration, List<Tag> tags) {
        checkTrustPolicy(trustPolicy);
        checkTags(tags);
        if (roles.contains(key(name))) {
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
        return roles.get(key(name));
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
        return roles.values()
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
        rolePolicies.checkNoneLeft(getRole(name));
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

    // Policies of roles

    /** Attached and inline policies of roles (AttachRolePolicy, PutRolePolicy, ...). */
    public HeldPolicies<Role> rolePolicies() {
        return rolePolicies;
    }

    /** The roles a managed policy is attached to (ListEntitiesForPolicy). */
    public List<Role> rolesWithPolicy(String policyArn) {
        policies.get(policyArn);
        return listRoles(null).stream().filter(role -> role.attachedPolicies().contains(policyArn)).toList();
    }

    /** Where a managed policy is attached: roles, users and groups (DeletePolicy refuses while any remains). */
    private int attachmentCount(String policyArn) {
        return (int) roles.values().filter(role -> role.attachedPolicies().contains(policyArn)).count()
                + users.attachmentCount(policyArn);
    }

    /** Everything that grants or denies a role's sessions something (see {@link HeldPolicies#documents}). */
    public List<PolicyDocument> identityPolicies(Role role) {
        return rolePolicies.documents(role);
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
        String ownUsers = "arn:aws:iam::" + accountId + ":user/";
        trust.statements().forEach(statement -> statement.principals().getOrDefault("AWS", List.of()).forEach(value -> {
            if ((value.startsWith(ownRoles) && findRoleByArn(value).isEmpty()) || (value.startsWith(ownUsers) && users.findUserByArn(value).isEmpty())) {
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
        roles.put(key(role.roleName()), role);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
