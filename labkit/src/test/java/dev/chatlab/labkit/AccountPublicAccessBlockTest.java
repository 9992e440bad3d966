package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** S3 Control's GetPublicAccessBlock answer, as AWS sends it, read into the four flags. */
class AccountPublicAccessBlockTest {

    @Test
    void recordedAnswer_namesTheFlagsThatAreOn() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">\
                <BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>\
                <BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>\
                </PublicAccessBlockConfiguration>""";
        assertEquals(List.of("BlockPublicAcls", "BlockPublicPolicy"), AccountPublicAccessBlock.flagsOn(AccountPublicAccessBlock.parse(body)));
    }

    @Test
    void absentFlags_andNoConfiguration_areOff() {
        assertEquals(List.of(), AccountPublicAccessBlock.flagsOn(AccountPublicAccessBlock.parse("<PublicAccessBlockConfiguration/>")));
        assertEquals(List.of(), AccountPublicAccessBlock.flagsOn(null));
    }
}
