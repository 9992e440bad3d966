package dev.chatlab.localcloud.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the asynchronous changes of AWS take here. On AWS a new table is CREATING for
 * seconds, a new function Pending, a new role not yet assumable by Lambda, a Route53 change
 * PENDING: code without a waiter fails there. {@link #AWS} (the default) keeps those windows,
 * scaled down to about a second, so that such code fails here too; {@link #FAST} closes them,
 * for tests whose subject is not timing.
 *
 * @param name              "aws" or "fast", as {@code --timing} takes it
 * @param tableCreating     a DynamoDB table (and each GSI it is created with) stays CREATING
 * @param tableUpdating     a table stays UPDATING after UpdateTable (a GSI it adds stays CREATING)
 * @param tableDeleting     a table stays DELETING after DeleteTable (its name is still taken)
 * @param functionPending   a Lambda function stays Pending after CreateFunction
 * @param functionUpdating  its LastUpdateStatus stays InProgress after UpdateFunctionCode/Configuration
 * @param rolePropagation   a new IAM role cannot be assumed by a service (Lambda) yet
 * @param changePropagation a Route53 change stays PENDING before INSYNC
 * @param staleReads        an eventually consistent DynamoDB read (GetItem, BatchGetItem, Query,
 *                          Scan without {@code ConsistentRead: true}, and every read of a GSI) sees
 *                          the items as they were this long ago: it misses younger writes
 * @param deploymentPending an API Gateway WebSocket (v2) deployment stays PENDING, its stage still
 *                          serving the deployment it had
 */
public record Timing(String name, Duration tableCreating, Duration tableUpdating, Duration tableDeleting,
                     Duration functionPending, Duration functionUpdating, Duration rolePropagation,
                     Duration changePropagation, Duration staleReads, Duration deploymentPending) {

    /**
     * AWS's order of magnitude, scaled to what keeps {@code ./lab up} short: AWS takes 5-20 s
     * for a table, 1-10 s for a function, up to 10 s for IAM, 30-60 s for Route53; DynamoDB's
     * eventually consistent reads are "usually" consistent within a second.
     */
    public static final Timing AWS = new Timing("aws", Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(1000),
            Duration.ofMillis(1000), Duration.ofMillis(800), Duration.ofMillis(2000), Duration.ofMillis(1000),
            Duration.ofMillis(300), Duration.ofMillis(500));

    /** Every change done when its call answers (the statuses still read CREATING/PENDING in the answer itself). */
    public static final Timing FAST = new Timing("fast", Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * How long a call that starts a CloudFormation operation (a stack's create, update or delete,
     * a change set's planning) waits for it to end before it answers. Those have no window here:
     * they take what their resources take, on a worker thread. Under the aws timing the call
     * answers at once, the stack still in progress, as on AWS; under the fast timing it answers
     * once the operation is done, as every other change does, unless that takes longer than this
     * (a large stack on a busy machine): then it answers with the stack still in progress. The
     * AWS CLI's {@code cloudformation deploy} looks again only 30 s after it saw a stack in progress.
     */
    public Duration stackOperationPatience() {
        return equals(FAST) ? Duration.ofSeconds(10) : Duration.ZERO;
    }

    /** The timing named {@code aws} or {@code fast}; IllegalArgumentException names both otherwise. */
    public static Timing named(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "aws" -> AWS;
            case "fast" -> FAST;
            default -> throw new IllegalArgumentException("unknown timing '" + name + "': use aws (AWS-like waits, the default) or fast");
        };
    }
}
