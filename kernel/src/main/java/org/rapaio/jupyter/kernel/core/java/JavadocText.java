package org.rapaio.jupyter.kernel.core.java;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Javadoc comment, as JShell returns it (HTML with inline tags such as {@code {@code x}} and
 * block tags such as {@code @param}), into what Shift+Tab shows: plain text for the classic Notebook's
 * tooltip and HTML for JupyterLab's. Formulas in {@code <pre>} blocks keep their lines.
 */
public final class JavadocText {

    private JavadocText() {
    }

    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)");
    private static final Pattern TAG = Pattern.compile("<(/?)(\\w+)[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|\\w+);");
    private static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("param", "Parameters:");
        TITLES.put("return", "Returns:");
        TITLES.put("throws", "Throws:");
        TITLES.put("exception", "Throws:");
        TITLES.put("apiNote", "API Note:");
        TITLES.put("implNote", "Implementation Note:");
        TITLES.put("implSpec", "Implementation Requirements:");
        TITLES.put("deprecated", "Deprecated:");
        TITLES.put("see", "See Also:");
        TITLES.put("since", "Since:");
    }

    /** One block tag: {@code @name arg rest}. */
    private record Block(String name, String argument, String text) {
    }

    /** Plain text: inline tags resolved, HTML tags dropped, paragraphs and {@code <pre>} lines kept. */
    public static String toPlain(String javadoc) {
        Parsed p = parse(javadoc);
        StringBuilder out = new StringBuilder(plainBody(p.main));
        String last = null;
        for (Block b : p.blocks) {
            String title = TITLES.get(b.name);
            if (title == null) {
                continue;
            }
            if (!title.equals(last)) {
                out.append("\n\n").append(title);
                last = title;
            }
            out.append("\n  ");
            if (!b.argument.isEmpty()) {
                out.append(plainInline(b.argument)).append(" - ");
            }
            out.append(plainBody(b.text).replace("\n", "\n    "));
        }
        return out.toString().strip();
    }

    /** HTML: inline tags as {@code <code>}, the comment's own HTML kept, block tags as a definition list. */
    public static String toHtml(String javadoc) {
        Parsed p = parse(javadoc);
        StringBuilder out = new StringBuilder("<div>").append(htmlInline(p.main.strip())).append("</div>");
        String last = null;
        boolean open = false;
        for (Block b : p.blocks) {
            String title = TITLES.get(b.name);
            if (title == null) {
                continue;
            }
            if (!title.equals(last)) {
                out.append(open ? "" : "<dl>").append("<dt><b>").append(title).append("</b></dt>");
                open = true;
                last = title;
            }
            out.append("<dd>");
            if (!b.argument.isEmpty()) {
                out.append("<code>").append(escape(plainInline(b.argument))).append("</code> &ndash; ");
            }
            out.append(htmlInline(b.text.strip())).append("</dd>");
        }
        if (open) {
            out.append("</dl>");
        }
        return out.toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Parsed(String main, List<Block> blocks) {
    }

    private static Parsed parse(String javadoc) {
        String text = javadoc.replace("\r\n", "\n");
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK_TAG.matcher(text);
        int mainEnd = text.length();
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            if (!insidePre(text, m.start())) {
                starts.add(new int[] {m.start(), m.end()});
            }
        }
        if (!starts.isEmpty()) {
            mainEnd = starts.get(0)[0];
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            String name = text.substring(starts.get(i)[0], starts.get(i)[1]).strip().substring(1);
            String body = text.substring(starts.get(i)[1], end).strip();
            String argument = "";
            if (name.equals("param") || name.equals("throws") || name.equals("exception")) {
                int sp = indexOfWhitespace(body);
                argument = sp < 0 ? body : body.substring(0, sp);
                body = sp < 0 ? "" : body.substring(sp).strip();
            }
            blocks.add(new Block(name, argument, body));
        }
        return new Parsed(text.substring(0, mainEnd), blocks);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean insidePre(String text, int pos) {
        String before = text.substring(0, pos).toLowerCase();
        return before.lastIndexOf("<pre") > before.lastIndexOf("</pre");
    }

    /** Replaces every inline tag {@code {@name content}} with {@code f(name, content)}; braces nest. */
    private interface InlineTag {
        String apply(String name, String content);
    }

    private static String inline(String s, InlineTag f, java.util.function.UnaryOperator<String> text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int plainStart = 0;
        while (i < s.length()) {
            if (s.startsWith("{@", i)) {
                int depth = 0;
                int j = i;
                for (; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}' && --depth == 0) {
                        break;
                    }
                }
                if (j >= s.length()) {
                    break;   // unbalanced: leave the rest as text
                }
                out.append(text.apply(s.substring(plainStart, i)));
                String tag = s.substring(i + 2, j);
                int sp = indexOfWhitespace(tag);
                String name = sp < 0 ? tag : tag.substring(0, sp);
                String content = sp < 0 ? "" : tag.substring(sp + 1);
                out.append(f.apply(name, content));
                i = j + 1;
                plainStart = i;
            } else {
                i++;
            }
        }
        out.append(text.apply(s.substring(plainStart)));
        return out.toString();
    }

    /** {@code A#b(int)} as a reader writes it: {@code A.b(int)}, or just {@code b(int)} for {@code #b(int)}. */
    private static String reference(String ref) {
        ref = ref.strip();
        return ref.startsWith("#") ? ref.substring(1) : ref.replace('#', '.');
    }

    private static String linkLabel(String content) {
        content = content.strip();
        int depth = 0;
        for (int k = 0; k < content.length(); k++) {
            char c = content.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (Character.isWhitespace(c) && depth == 0) {
                return content.substring(k + 1).strip();
            }
        }
        return reference(content);
    }

    private static String plainInline(String s) {
        return plainInline(s, false);
    }

    /** {@code html}: the result is still HTML (tags get dropped later), so code content is escaped to survive that. */
    private static String plainInline(String s, boolean html) {
        return inline(s, (name, content) -> {
            String text = switch (name) {
                case "link", "linkplain" -> linkLabel(content);
                case "index" -> content.strip().split("\\s", 2)[0];
                case "docRoot", "inheritDoc" -> "";
                default -> content;   // code, literal, value, ...
            };
            return html ? escape(text) : text;
        }, t -> t);
    }

    /** Links in the JDK's comments point into its HTML docs, which a notebook does not have: keep their text. */
    private static final Pattern ANCHOR = Pattern.compile("(?i)</?a\\b[^>]*>");

    private static String htmlInline(String s) {
        return inline(s, (name, content) -> switch (name) {
            case "code", "value" -> "<code>" + escape(content) + "</code>";
            case "literal" -> escape(content);
            case "link" -> "<code>" + escape(linkLabel(content)) + "</code>";
            case "linkplain" -> escape(linkLabel(content));
            case "index" -> escape(content.strip().split("\\s", 2)[0]);
            default -> "";
        }, t -> ANCHOR.matcher(t).replaceAll(""));
    }

    /** Plain text of a comment body: paragraphs, lists and {@code <pre>} blocks keep their shape. */
    private static String plainBody(String body) {
        String s = plainInline(body, true);
        StringBuilder out = new StringBuilder();
        Matcher m = TAG.matcher(s);
        int at = 0;
        boolean pre = false;
        while (m.find()) {
            out.append(text(s.substring(at, m.start()), pre));
            String name = m.group(2).toLowerCase();
            boolean closing = !m.group(1).isEmpty();
            switch (name) {
                case "pre" -> {
                    pre = !closing;
                    out.append('\n');
                }
                case "p" -> out.append(closing ? "" : "\n\n");
                case "br" -> out.append('\n');
                case "li" -> out.append(closing ? "" : "\n  - ");
                case "ul", "ol", "dl", "table", "tr" -> out.append('\n');
                case "dt" -> out.append(closing ? "" : "\n");
                case "dd", "td", "th" -> out.append(closing ? "" : "  ");
                default -> { }
            }
            at = m.end();
        }
        out.append(text(s.substring(at), pre));
        // At most one blank line in a row, no spaces at line ends.
        return out.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("\n (?=\\S)", "\n")
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    /** A run of text between tags: inside {@code <pre>} lines are kept (indented), elsewhere whitespace is one space. */
    private static String text(String s, boolean pre) {
        s = entities(s);
        if (pre) {
            String[] lines = s.split("\n", -1);
            int indent = Integer.MAX_VALUE;
            for (String line : lines) {
                if (!line.isBlank()) {
                    indent = Math.min(indent, line.length() - line.stripLeading().length());
                }
            }
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                out.add(line.isBlank() ? "" : "    " + line.substring(indent).stripTrailing());
            }
            return String.join("\n", out);
        }
        return s.replaceAll("\\s+", " ");
    }

    private static String entities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "ndash" -> "\u2013";
                case "mdash" -> "\u2014";
                default -> {
                    if (e.startsWith("#x") || e.startsWith("#X")) {
                        yield new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
                    } else if (e.startsWith("#")) {
                        yield new String(Character.toChars(Integer.parseInt(e.substring(1))));
                    }
                    yield m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
