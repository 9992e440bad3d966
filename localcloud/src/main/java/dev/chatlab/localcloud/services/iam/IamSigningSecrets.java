package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.protocol.sigv4.SigningSecrets;
import dev.chatlab.localcloud.services.iam.model.AccessKey;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import java.util.Optional;

/**
 * The secrets IAM and STS know, for the signature check: a session key STS issued (ASIA..., the
 * role credentials of a function and of AssumeRole) with its session token; an IAM user's
 * active access key; any other id is the account root's, secret {@code test}. An ASIA key STS
 * never issued and a user's inactive key belong to no one, as on AWS.
 */
public final class IamSigningSecrets implements SigningSecrets {

    private final IamUsers users;
    private final RoleSessions sessions;

    public IamSigningSecrets(IamUsers users, RoleSessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public Optional<SigningSecret> find(String accessKeyId) {
        Optional<SessionCredentials> session = sessions.find(accessKeyId);
        if (session.isPresent()) {
            return Optional.of(new SigningSecret(session.get().secretAccessKey(), Optional.of(session.get().sessionToken()),
                    sessions.isExpired(session.get())));
        }
        if (accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        Optional<AccessKey> userKey = users.findAccessKey(accessKeyId);
        if (userKey.isPresent()) {
            return userKey.filter(AccessKey::isActive).map(key -> new SigningSecret(key.secretAccessKey(), Optional.empty(), false));
        }
        return Optional.of(SigningSecret.root());
    }
}
