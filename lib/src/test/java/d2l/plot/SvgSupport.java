package d2l.plot;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses SVG with the JDK's XML parser (so malformed output fails) and pulls out what tests check. */
final class SvgSupport {
    private SvgSupport() { }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    /** Text content of every {@code <text>} element, in document order. */
    static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** Elements of any kind whose id ends with {@code suffix} (JFreeSVG puts the id on a group around the stroke). */
    static List<Element> withIdEnding(Document doc, String suffix) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute("id").endsWith(suffix)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The {@code <path>} elements inside (or being) {@code e}. */
    static List<Element> paths(Element e) {
        List<Element> out = new ArrayList<>();
        if (e.getLocalName().equals("path")) {
            out.add(e);
        }
        NodeList nodes = e.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** Number of line-to commands in a path's {@code d} attribute (points drawn minus one per stroke). */
    static int lineTos(Element path) {
        return path.getAttribute("d").replaceAll("[^L]", "").length();
    }
}
