package dev.chatlab.localcloud.services.cloudformation.resources;

/** The pause between two looks at a resource that is still becoming ready (a table CREATING, a function Pending). */
final class Stabilize {

    private Stabilize() {
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceFailure("The stack operation was interrupted (localcloud is stopping)");
        }
    }
}
