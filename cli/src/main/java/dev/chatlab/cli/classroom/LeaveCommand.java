package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;

/** {@code lab class leave}: this lab stops reporting to its class (the class page keeps the last results). */
@Command(name = "leave", mixinStandardHelpOptions = true, description = "Stop sending results to the class you joined.")
final class LeaveCommand extends ClassSubcommand {

    @Override
    public Integer call() throws IOException {
        boolean left = Files.deleteIfExists(ClassMembership.file(kit().stateDirectory()));
        console().success(left ? Text.of("Left the class: ./lab step and ./lab check send nothing any more.",
                "수업에서 나왔습니다: 이제 ./lab step 과 ./lab check 는 아무것도 보내지 않습니다.")
                : Text.of("This lab joined no class.", "이 실습은 참여한 수업이 없습니다."));
        return 0;
    }
}
