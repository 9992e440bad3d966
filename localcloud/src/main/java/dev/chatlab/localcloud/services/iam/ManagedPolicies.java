package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.PolicyVersion;
import dev.chatlab.localcloud.services.iam.model.Tag;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Managed policies: the customer managed ones (in Storage, by ARN) and the AWS managed ones
 * (shipped with localcloud, read-only). How many roles use a policy is the roles' business, so
 * the attachment count is asked of {@code attachments}.
 */
public final class ManagedPolicies {

    /** IAM keeps at most five versions of a managed policy. */
    static final int MAX_VERSIONS = 5;
    /** IAM refuses what is not a policy ARN before it looks anything up. */
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/.+");

    private final String accountId;
    private final Clock clock;
    private final Documents<ManagedPolicy> stored;
    private final Map<String, ManagedPolicy> awsManaged = AwsManagedPolicies.load();
    private ToIntFunction<String> attachments = arn -> 0;

    ManagedPolicies(Storage storage, String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
        this.stored = storage.documents("iam.policies", ManagedPolicy.class);
    }

    void countAttachmentsWith(ToIntFunction<String> counter) {
        this.attachments = counter;
    }

    public int attachmentCount(String arn) {
        return attachments.applyAsInt(arn);
    }

    public synchronized ManagedPolicy create(String name, String path, String document, String description, List<Tag> tags) {
        PolicyDocuments.parseManaged(document);
        String policyPath = path == null ? "/" : path;
        String arn = "arn:aws:iam::" + accountId + ":policy" + policyPath + name;
        boolean nameTaken = stored.values().anyMatch(p -> p.policyName().equalsIgnoreCase(name));
        if (nameTaken) {
            throw IamErrors.entityAlreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        String now = IamIds.timestamp(clock);
        ManagedPolicy policy = new ManagedPolicy(name, IamIds.policyId(), arn, policyPath, description, now, now, "v1",
                List.of(new PolicyVersion("v1", document, now)), tags, 2);
        stored.put(arn, policy);
        return policy;
    }

    public Optional<ManagedPolicy> find(String arn) {
        if (!POLICY_ARN.matcher(arn).matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        ManagedPolicy aws = awsManaged.get(arn);
        if (aws != null) {
            return Optional.of(aws);
        }
        return stored.get(arn);
    }

    public ManagedPolicy get(String arn) {
        return find(arn).orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
    }

    /** ListPolicies: scope "All", "AWS" or "Local", by name. */
    public List<ManagedPolicy> list(String scope, boolean onlyAttached, String pathPrefix) {
        List<ManagedPolicy> all = new ArrayList<>();
        if (!"AWS".equals(scope)) {
            stored.values().forEach(all::add);
        }
        if (!"Local".equals(scope)) {
            all.addAll(awsManaged.values());
        }
        return all.stream()
                .filter(p -> pathPrefix == null || p.path().startsWith(pathPrefix))
                .filter(p -> !onlyAttached || attachmentCount(p.arn()) > 0)
                .sorted(Comparator.comparing(ManagedPolicy::policyName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public synchronized void delete(String arn) {
        ManagedPolicy policy = customerManaged(arn);
        if (attachmentCount(arn) > 0) {
            throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (policy.versions().size() > 1) {
            throw IamErrors.deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        }
        stored.remove(arn);
    }

    public synchronized PolicyVersion createVersion(String arn, String document, boolean setAsDefault) {
        ManagedPolicy policy = customerManaged(arn);
        PolicyDocuments.parseManaged(document);
        if (policy.versions().size() >= MAX_VERSIONS) {
            throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version.");
        }
        String now = IamIds.timestamp(clock);
        PolicyVersion version = new PolicyVersion("v" + policy.nextVersion(), document, now);
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        versions.add(version);
        String defaultVersion = setAsDefault ? version.versionId() : policy.defaultVersionId();
        stored.put(arn, policy.withVersions(versions, defaultVersion, policy.nextVersion() + 1, now));
        return version;
    }

    public PolicyVersion getVersion(String arn, String versionId) {
        return get(arn).version(versionId)
                .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " version " + versionId + " does not exist or is not attachable."));
    }

    public synchronized void deleteVersion(String arn, String versionId) {
        ManagedPolicy policy = customerManaged(arn);
        getVersion(arn, versionId);
        if (versionId.equals(policy.defaultVersionId())) {
            throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
        }
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        versions.removeIf(v -> v.versionId().equals(versionId));
        stored.put(arn, policy.withVersions(versions, policy.defaultVersionId(), policy.nextVersion(), IamIds.timestamp(clock)));
    }

    public synchronized void setDefaultVersion(String arn, String versionId) {
        ManagedPolicy policy = customerManaged(arn);
        getVersion(arn, versionId);
        stored.put(arn, policy.withVersions(policy.versions(), versionId, policy.nextVersion(), IamIds.timestamp(clock)));
    }

    /** A policy this account may change: AWS managed policies are refused. */
    private ManagedPolicy customerManaged(String arn) {
        ManagedPolicy policy = get(arn);
        if (policy.awsManaged()) {
            throw IamErrors.invalidInput("Policy " + arn + " is an AWS managed policy and cannot be modified or deleted.");
        }
        return policy;
    }
}
