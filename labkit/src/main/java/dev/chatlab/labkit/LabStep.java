package dev.chatlab.labkit;

/**
 * One step of the lab: {@link #run} does it (and may be run again: every step is
 * idempotent), {@link #check} verifies what a student's cloud holds, whoever built it,
 * the script or a student clicking through the console.
 */
public interface LabStep {

    int number();

    Text title();

    void run(Lab lab) throws Exception;

    void check(Lab lab, Checks checks) throws Exception;
}
