package dev.chatlab.localcloud.core;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds the XML documents that S3, IAM, STS and Route53 answer with, on the JDK's StAX
 * writer so that every text is escaped. Elements nest by {@link #start}/{@link #end};
 * {@link #element} writes a leaf and skips null values, as AWS omits absent members.
 */
public final class XmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final StringWriter buffer = new StringWriter();
    private final XMLStreamWriter xml;

    private XmlWriter(String root, String namespace) {
        try {
            xml = FACTORY.createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document whose root element is {@code root}, in {@code namespace} (null for none). */
    public static XmlWriter document(String root, String namespace) {
        return new XmlWriter(root, namespace);
    }

    public XmlWriter start(String name) {
        try {
            xml.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlWriter attribute(String name, String value) {
        try {
            xml.writeAttribute(name, xmlText(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlWriter end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A leaf element; nothing is written when {@code value} is null. */
    public XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        try {
            xml.writeStartElement(name);
            xml.writeCharacters(xmlText(String.valueOf(value)));
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Closes every open element and returns the document. */
    @Override
    public String toString() {
        try {
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toString();
    }

    /**
     * {@code text} with the characters XML 1.0 cannot carry (NUL and most control characters,
     * lone surrogates) replaced by U+FFFD: a name or message that echoes what a client sent must
     * not make the answer itself unwritable.
     */
    static String xmlText(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c))
                    || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!allowed && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(allowed ? c : '\uFFFD');
            }
        }
        return clean == null ? text : clean.toString();
    }
}
