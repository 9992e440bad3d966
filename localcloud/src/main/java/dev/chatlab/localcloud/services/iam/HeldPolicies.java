package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.PolicyHolder;
import dev.chatlab.localcloud.storage.ParsedOnce;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The policies of one kind of IAM identity (roles, users or groups): attaching and detaching
 * managed policies, putting and deleting inline ones, in the words and quotas IAM uses for that
 * kind ("The user policy with name X cannot be found.", PoliciesPerRole, 2,048 characters of
 * inline policy per user). The three kinds differ in nothing else here.
 */
final class HeldPolicies<T extends PolicyHolder<T>> {

    /** IAM's default quota of managed policies attached to one role, user or group. */
    static final int MAX_ATTACHED_POLICIES = 10;

    /**
     * @param word            "role", "user" or "group", as IAM's messages say it
     * @param inlineSizeLimit the characters all inline policies of one holder may have together, whitespace not counted
     */
    record Kind(String word, int inlineSizeLimit) {

        static final Kind ROLE = new Kind("role", 10240);
        static final Kind USER = new Kind("user", 2048);
        static final Kind GROUP = new Kind("group", 5120);

        String capitalized() {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
    }

    private final Kind kind;
    private final Object lock;
    private final ManagedPolicies policies;
    private final Function<String, T> existing;
    private final Consumer<T> save;
    private final ParsedOnce<PolicyDocument> parsed = new ParsedOnce<>(json -> PolicyDocument.parse(json, PolicyKind.IDENTITY));

    /**
     * @param lock     what the holder's other changes synchronize on, so that no change is lost between a read and its save
     * @param existing the holder of a name, or IAM's NoSuchEntity
     */
    HeldPolicies(Kind kind, Object lock, ManagedPolicies policies, Function<String, T> existing, Consumer<T> save) {
        this.kind = kind;
        this.lock = lock;
        this.policies = policies;
        this.existing = existing;
        this.save = save;
    }

    Kind kind() {
        return kind;
    }

    void attach(String name, String policyArn) {
        synchronized (lock) {
            T holder = existing.apply(name);
            ManagedPolicy policy = policies.find(policyArn)
                    .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
            if (holder.attachedPolicies().contains(policy.arn())) {
                return; // attaching twice is not an error on AWS
            }
            if (holder.attachedPolicies().size() >= MAX_ATTACHED_POLICIES) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPer" + kind.capitalized() + ": " + MAX_ATTACHED_POLICIES);
            }
            List<String> attached = new ArrayList<>(holder.attachedPolicies());
            attached.add(policy.arn());
            save.accept(holder.withAttachedPolicies(attached));
        }
    }

    void detach(String name, String policyArn) {
        synchronized (lock) {
            T holder = existing.apply(name);
            if (!holder.attachedPolicies().contains(policyArn)) {
                throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            List<String> attached = new ArrayList<>(holder.attachedPolicies());
            attached.remove(policyArn);
            save.accept(holder.withAttachedPolicies(attached));
        }
    }

    /** The managed policies attached, in attachment order. */
    List<ManagedPolicy> attached(String name, String pathPrefix) {
        return existing.apply(name).attachedPolicies().stream()
                .map(policies::find).flatMap(Optional::stream)
                .filter(policy -> pathPrefix == null || policy.path().startsWith(pathPrefix))
                .toList();
    }

    void put(String name, String policyName, String document) {
        synchronized (lock) {
            T holder = existing.apply(name);
            PolicyDocuments.parse(document, PolicyKind.IDENTITY);
            Map<String, String> inline = new LinkedHashMap<>(holder.inlinePolicies());
            inline.put(policyName, document);
            int total = inline.values().stream().mapToInt(PolicyDocuments::size).sum();
            if (total > kind.inlineSizeLimit()) {
                throw IamErrors.limitExceeded("Maximum policy size of " + kind.inlineSizeLimit() + " bytes exceeded for " + kind.word() + " " + holder.name());
            }
            save.accept(holder.withInlinePolicies(inline));
        }
    }

    String get(String name, String policyName) {
        String document = existing.apply(name).inlinePolicies().get(policyName);
        if (document == null) {
            throw notFound(policyName);
        }
        return document;
    }

    void delete(String name, String policyName) {
        synchronized (lock) {
            T holder = existing.apply(name);
            if (!holder.inlinePolicies().containsKey(policyName)) {
                throw notFound(policyName);
            }
            Map<String, String> inline = new LinkedHashMap<>(holder.inlinePolicies());
            inline.remove(policyName);
            save.accept(holder.withInlinePolicies(inline));
        }
    }

    List<String> names(String name) {
        return existing.apply(name).inlinePolicies().keySet().stream().sorted().toList();
    }

    /** DeleteRole/User/Group refuse while policies remain, attached ones first, as IAM does. */
    void checkNoneLeft(T holder) {
        if (!holder.attachedPolicies().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (!holder.inlinePolicies().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
    }

    /**
     * Everything that grants or denies the holder something: the default version of each attached
     * managed policy (source id: the policy ARN) and each inline policy (source id: its name).
     */
    List<PolicyDocument> documents(T holder) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (String arn : holder.attachedPolicies()) {
            policies.find(arn).ifPresent(policy -> documents.add(
                    parsed.get(policy.defaultVersion().document()).withSourceId(policy.arn())));
        }
        holder.inlinePolicies().forEach((policyName, json) -> documents.add(parsed.get(json).withSourceId(policyName)));
        return documents;
    }

    private RuntimeException notFound(String policyName) {
        return IamErrors.noSuchEntity("The " + kind.word() + " policy with name " + policyName + " cannot be found.");
    }
}
