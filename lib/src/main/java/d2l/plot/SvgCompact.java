package d2l.plot;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks JFreeSVG's output without changing the picture, so that notebooks stay small: JFreeSVG
 * writes every style in full on every element ({@code stroke-width:0.800000011920929;
 * stroke-opacity:1.0;...}) and clips every element, even to the whole canvas.
 *
 * <ul>
 *   <li>numbers inside style attributes lose float noise (0.800000011920929 becomes 0.8);
 *   <li>opacities of 1 (the SVG default) are dropped;
 *   <li>clip paths that are the whole canvas are dropped with every reference to them;
 *   <li>{@code <g>} wrappers without attributes around a single {@code <text>} are dropped.
 * </ul>
 */
final class SvgCompact {
    private SvgCompact() { }

    private static final Pattern STYLE = Pattern.compile("style='([^']*)'");
    private static final Pattern NOISY = Pattern.compile("(\\d+\\.\\d*?)(\\d)\\d{4,}");
    private static final Pattern CLIP = Pattern.compile("<clipPath id='([^']+)'><path d='([^']*)'/></clipPath>");
    private static final Pattern BARE_TEXT = Pattern.compile("<g>(<text [^>]*>[^<]*</text>)</g>");

    static String compact(String svg, int w, int h) {
        // 1 and 2: styles.
        Matcher m = STYLE.matcher(svg);
        StringBuilder sb = new StringBuilder(svg.length());
        while (m.find()) {
            String style = m.group(1)
                    .replace("fill-opacity: 1.0; ", "").replace("stroke-opacity:1.0;", "")
                    .replace("fill-opacity: 1.0;", "").replace(";stroke-opacity:1.0", "");
            style = roundNoise(style);
            m.appendReplacement(sb, Matcher.quoteReplacement("style='" + style + "'"));
        }
        m.appendTail(sb);
        String out = sb.toString();
        // 3: clips that are the whole canvas.
        Set<String> whole = new LinkedHashSet<>();
        Matcher c = CLIP.matcher(out);
        String canvas = "M0,0L" + w + ",0L" + w + "," + h + "L0," + h + "L0,0Z";
        while (c.find()) {
            if (c.group(2).equals(canvas)) {
                whole.add(c.group(1));
            }
        }
        for (String id : whole) {
            out = out.replace("<clipPath id='" + id + "'><path d='" + canvas + "'/></clipPath>", "")
                    .replace(" clip-path='url(#" + id + ")'", "");
        }
        out = out.replace("<defs></defs>", "");
        // 4: bare groups around text.
        return BARE_TEXT.matcher(out).replaceAll("$1");
    }

    /** 0.800000011920929 becomes 0.8 and 1.2000000476837158 becomes 1.2: floats widened to double. */
    static String roundNoise(String style) {
        Matcher n = NOISY.matcher(style);
        StringBuilder sb = new StringBuilder(style.length());
        while (n.find()) {
            double v = Double.parseDouble(n.group());
            m(sb, n, SvgRenderer.twoDecimals(v));
        }
        n.appendTail(sb);
        return sb.toString();
    }

    private static void m(StringBuilder sb, Matcher n, String text) {
        n.appendReplacement(sb, Matcher.quoteReplacement(text));
    }
}
