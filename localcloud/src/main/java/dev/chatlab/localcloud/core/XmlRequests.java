package dev.chatlab.localcloud.core;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Parses the XML bodies that S3 and Route53 receive, hardened against XML external entities
 * (no DOCTYPE, no entity expansion) and quiet: a malformed body throws, it prints nothing.
 * Each service turns the exception into its own error (MalformedXML, MalformedInput).
 */
public final class XmlRequests {

    private XmlRequests() {
    }

    public static Element parseRoot(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
        return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
    }
}
