package dev.chatlab.labkit;

/**
 * A step that can take back what it built in one go ({@code ./lab step N --delete}): step 9,
 * whose whole chat is one CloudFormation stack.
 */
public interface RemovableStep extends LabStep {

    /** Deletes what {@link #run} built and waits until it is gone; a second call finds nothing and says so. */
    void delete(Lab lab) throws Exception;
}
