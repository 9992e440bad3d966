package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlRequests;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the XML bodies S3 requests carry (CreateBucketConfiguration, Tagging, WebsiteConfiguration,
 * Delete, ...). Anything that is not well-formed XML, or whose root is not the expected element,
 * is S3's MalformedXML. External entities and DOCTYPEs are refused.
 */
public final class S3XmlReader {

    private final Element element;

    private S3XmlReader(Element element) {
        this.element = element;
    }

    public static S3XmlReader parse(byte[] body, String expectedRoot) {
        if (body.length == 0) {
            throw S3Errors.malformedXml();
        }
        try {
            Element root = XmlRequests.parseRoot(body);
            if (!expectedRoot.equals(root.getLocalName())) {
                throw S3Errors.malformedXml();
            }
            return new S3XmlReader(root);
        } catch (AwsException e) {
            throw e;
        } catch (Exception e) {
            throw S3Errors.malformedXml();
        }
    }

    public List<S3XmlReader> children(String name) {
        List<S3XmlReader> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && name.equals(child.getLocalName())) {
                found.add(new S3XmlReader(child));
            }
        }
        return found;
    }

    /** All child element names, to refuse members a schema does not allow. */
    public List<String> childNames() {
        List<String> names = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    public Optional<S3XmlReader> child(String name) {
        List<S3XmlReader> found = children(name);
        if (found.size() > 1) {
            throw S3Errors.malformedXml();
        }
        return found.stream().findFirst();
    }

    /** The text of a child element, or null when it is absent. */
    public String text(String name) {
        return child(name).map(S3XmlReader::text).orElse(null);
    }

    public String text() {
        return element.getTextContent();
    }

    /** A boolean member: absent is false; anything but true/false is MalformedXML. */
    public boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw S3Errors.malformedXml();
        };
    }
}
