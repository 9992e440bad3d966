package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies as IAM and S3 give them back: URL-encoded or not, one statement or many. */
class PolicyDocumentsTest {

    @Test
    void statements_readOneLineEach_asIamHoldsThem() {
        String encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
                + "%22Action%22%3A%5B%22dynamodb%3APutItem%22%2C%22dynamodb%3AQuery%22%5D%2C%22Resource%22%3A%22arn%3Aaws%3Adynamodb%3A"
                + "ap-northeast-2%3A000000000000%3Atable%2FChatMessages%22%7D%5D%7D";
        assertEquals(List.of("Allow dynamodb:PutItem, dynamodb:Query on arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatMessages"),
                PolicyDocuments.statements(encoded));
    }

    @Test
    void summary_showsPrincipal_notAction_andConditions() {
        assertEquals("Allow * s3:GetObject on arn:aws:s3:::site/*; Deny every action but s3:GetObject on everything but arn:aws:s3:::site/* if {\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
                PolicyDocuments.summary("""
                        {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"},
                                      {"Effect":"Deny","NotAction":"s3:GetObject","NotResource":"arn:aws:s3:::site/*",
                                       "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
                        """));
    }

    @Test
    void same_ignoresSpacingAndEncoding_butNotContent() {
        String written = "{ \"Version\": \"2012-10-17\", \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\" } ] }";
        assertTrue(PolicyDocuments.same(written, "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"));
        assertFalse(PolicyDocuments.same(written, written.replace("Allow", "Deny")));
        assertFalse(PolicyDocuments.same(written, "not json"));
    }
}
