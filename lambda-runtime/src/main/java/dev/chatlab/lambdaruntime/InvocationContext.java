package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Context a handler gets: this invocation's id, deadline and ARN, the instance's environment. */
final class InvocationContext implements Context {

    private final RuntimeApiClient.Invocation invocation;
    private final FunctionEnvironment environment;
    private final LambdaLogger logger;

    InvocationContext(RuntimeApiClient.Invocation invocation, FunctionEnvironment environment, LambdaLogger logger) {
        this.invocation = invocation;
        this.environment = environment;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return environment.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return environment.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return environment.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return environment.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = invocation.deadlineMs() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return environment.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getXrayTraceId() {
        return invocation.traceId();
    }
}
