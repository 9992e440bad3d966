package dev.chatlab.cli.mistakes;

import org.junit.jupiter.api.Test;

/** The ground every mistake test stands on: the solutions' lab passes every step's check. */
class MistakeLabTest {

    @Test
    void solutionsLab_passesEveryStepsCheck_inProcess() {
        MistakeLab lab = MistakeLab.shared();
        for (int step = 1; step <= 8; step++) {
            lab.assertPasses(step);
        }
    }
}
