package d2l.plot;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Number of segments in a path's {@code d} attribute (points drawn minus one per subpath). */
    static int lineTos(Element path) {
        int n = 0;
        for (List<double[]> sub : subpaths(path)) {
            n += sub.size() - 1;
        }
        return n;
    }

    private static final Pattern PATH_TOKEN = Pattern.compile("[A-Za-z]|[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * The subpaths of a path as lists of absolute points: the move, then each segment's end point
     * (curves count by their end points). Written here from the SVG grammar, independently of the
     * library's writer: absolute and relative commands, implicit repeats, H/V, C/S, Q/T, Z.
     */
    static List<List<double[]>> subpaths(Element path) {
        List<String> tok = new ArrayList<>();
        Matcher m = PATH_TOKEN.matcher(path.getAttribute("d"));
        while (m.find()) {
            tok.add(m.group());
        }
        List<List<double[]>> out = new ArrayList<>();
        List<double[]> cur = null;
        double x = 0;
        double y = 0;
        double sx = 0;
        double sy = 0;
        char cmd = 0;
        int i = 0;
        while (i < tok.size()) {
            String t = tok.get(i);
            if (Character.isLetter(t.charAt(0))) {
                cmd = t.charAt(0);
                i++;
                if (cmd == 'Z' || cmd == 'z') {
                    x = sx;
                    y = sy;
                    cur.add(new double[] {x, y});
                    continue;
                }
            }
            boolean rel = Character.isLowerCase(cmd);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            int args = switch (Character.toUpperCase(cmd)) {
                case 'M', 'L', 'T' -> 2;
                case 'H', 'V' -> 1;
                case 'C' -> 6;
                case 'S', 'Q' -> 4;
                default -> throw new IllegalArgumentException("unexpected path command " + cmd + " in " + path.getAttribute("d"));
            };
            double[] a = new double[args];
            for (int k = 0; k < args; k++) {
                a[k] = Double.parseDouble(tok.get(i++));
            }
            switch (Character.toUpperCase(cmd)) {
                case 'M' -> {
                    x = sx = ox + a[0];
                    y = sy = oy + a[1];
                    cur = new ArrayList<>();
                    out.add(cur);
                    cmd = rel ? 'l' : 'L';
                }
                case 'H' -> x = ox + a[0];
                case 'V' -> y = oy + a[0];
                default -> {
                    x = ox + a[args - 2];
                    y = oy + a[args - 1];
                }
            }
            cur.add(new double[] {x, y});
        }
        return out;
    }

    private static final Set<String> PROPERTIES = Set.of("fill", "stroke", "stroke-width", "stroke-dasharray",
            "stroke-linecap", "stroke-linejoin", "fill-opacity", "stroke-opacity", "opacity", "font-family",
            "font-size", "shape-rendering");

    /**
     * The computed style of an element as CSS would give it: for the element and then each ancestor, its
     * inline style, else its class rules from the SVG's {@code <style>}, else its presentation
     * attributes; the nearest element that sets a property wins. Colours come back as {@code #rrggbb}.
     */
    static Map<String, String> style(Element e) {
        Map<String, Map<String, String>> rules = classRules(e.getOwnerDocument());
        Map<String, String> out = new LinkedHashMap<>();
        for (org.w3c.dom.Node n = e; n instanceof Element el; n = n.getParentNode()) {
            Map<String, String> own = new HashMap<>();
            for (String p : PROPERTIES) {
                if (el.hasAttribute(p)) {
                    own.put(p, el.getAttribute(p));
                }
            }
            for (String c : el.getAttribute("class").split("\\s+")) {
                own.putAll(rules.getOrDefault(c, Map.of()));
            }
            own.putAll(declarations(el.getAttribute("style")));
            for (Map.Entry<String, String> d : own.entrySet()) {
                out.putIfAbsent(d.getKey(), colour(d.getValue()));
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> classRules(Document doc) {
        Map<String, Map<String, String>> rules = new HashMap<>();
        NodeList styles = doc.getElementsByTagNameNS("*", "style");
        for (int i = 0; i < styles.getLength(); i++) {
            Matcher m = Pattern.compile("([^{}]+)\\{([^}]*)}").matcher(styles.item(i).getTextContent());
            while (m.find()) {
                String[] parts = m.group(1).trim().split("\\s+");
                String last = parts[parts.length - 1];
                if (last.startsWith(".")) {
                    rules.computeIfAbsent(last.substring(1), k -> new HashMap<>()).putAll(declarations(m.group(2)));
                }
            }
        }
        return rules;
    }

    private static Map<String, String> declarations(String css) {
        Map<String, String> out = new HashMap<>();
        for (String d : css.split(";")) {
            int c = d.indexOf(':');
            if (c > 0) {
                out.put(d.substring(0, c).trim(), d.substring(c + 1).trim());
            }
        }
        return out;
    }

    private static String colour(String v) {
        Matcher rgb = Pattern.compile("rgb\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)").matcher(v);
        if (rgb.matches()) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", Integer.parseInt(rgb.group(1)),
                    Integer.parseInt(rgb.group(2)), Integer.parseInt(rgb.group(3)));
        }
        if (v.matches("#[0-9a-fA-F]{3}")) {
            return ("#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3)).toLowerCase(Locale.ROOT);
        }
        return v.toLowerCase(Locale.ROOT);
    }
}
