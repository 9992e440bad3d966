package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.XmlWriter;

/** The AccessControlPolicy documents of GetBucketAcl and GetObjectAcl, from a canned ACL. */
final class Acls {

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    private Acls() {
    }

    static XmlWriter accessControlPolicy(String cannedAcl) {
        XmlWriter xml = S3Xml.owner(S3Xml.document("AccessControlPolicy")).start("AccessControlList");
        grant(xml, "CanonicalUser", S3Xml.OWNER_ID, "FULL_CONTROL");
        switch (cannedAcl == null ? "private" : cannedAcl) {
            case "public-read" -> grant(xml, "Group", ALL_USERS, "READ");
            case "public-read-write" -> {
                grant(xml, "Group", ALL_USERS, "READ");
                grant(xml, "Group", ALL_USERS, "WRITE");
            }
            case "authenticated-read" -> grant(xml, "Group", AUTHENTICATED_USERS, "READ");
            default -> {
                // private and the owner-only ACLs: the owner's grant alone
            }
        }
        return xml.end();
    }

    private static void grant(XmlWriter xml, String type, String id, String permission) {
        xml.start("Grant").start("Grantee")
                .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
                .attribute("xsi:type", type)
                .element(type.equals("Group") ? "URI" : "ID", id)
                .end()
                .element("Permission", permission)
                .end();
    }
}
