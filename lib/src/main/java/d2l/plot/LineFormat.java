package d2l.plot;

import java.util.List;

/**
 * One trace style in matplotlib's short format string {@code [colour][marker][line]} (any order), the
 * way the book passes {@code fmts} to {@code d2l.plot}: {@code "-"}, {@code "m--"}, {@code "g-."},
 * {@code "r:"}, markers only {@code "o"}, line and markers {@code "-o"}, {@code "r-o"}.
 *
 * @param dash {@link Dash#NONE} draws no line (markers only)
 * @param marker {@link Marker#NONE} draws no marker
 */
record LineFormat(String color, Dash dash, Marker marker) {

    /** The book's default {@code fmts=('-', 'm--', 'g-.', 'r:')}. */
    static final List<String> BOOK_FMTS = List.of("-", "m--", "g-.", "r:");

    /** matplotlib's default colour cycle (tab10), used when a format names no colour. */
    static final String[] CYCLE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    enum Dash {
        SOLID("solid"), DASHED("dash"), DASH_DOT("dashdot"), DOTTED("dot"), NONE("solid");

        /** Plotly's name for the dash pattern. */
        final String plotly;

        Dash(String plotly) { this.plotly = plotly; }
    }

    /** matplotlib's marker letters that we draw. */
    enum Marker {
        NONE(' '), CIRCLE('o'), POINT('.'), SQUARE('s'), TRIANGLE_UP('^'), TRIANGLE_DOWN('v'), DIAMOND('D'),
        PLUS('+'), X('x'), STAR('*');

        final char letter;

        Marker(char letter) { this.letter = letter; }

        static Marker of(char c) {
            for (Marker m : values()) {
                if (m != NONE && m.letter == c) {
                    return m;
                }
            }
            return null;
        }

        /** Markers drawn as strokes only (no fill). */
        boolean lineOnly() { return this == PLUS || this == X; }
    }

    /**
     * Format for series {@code index}: {@code fmts} cycles (the book stops after four; we keep going),
     * and series past the first cycle without a colour letter take the next colour of the cycle so
     * they stay distinguishable.
     */
    static LineFormat forSeries(List<String> fmts, int index) {
        return parse(fmts.get(index % fmts.size()), index);
    }

    /** Same as {@link #parse(String, int)} but with an explicit colour ({@code "#rrggbb"}) that wins over a letter. */
    static LineFormat parse(String fmt, int index, String color) {
        LineFormat f = parse(fmt, index);
        return color == null ? f : new LineFormat(color, f.dash, f.marker);
    }

    static LineFormat parse(String fmt, int index) {
        if (fmt == null) {
            throw new IllegalArgumentException("fmts: format " + index + " is null; use e.g. \"-\", \"m--\", \"o\" or \"-o\"");
        }
        String color = null;
        Marker marker = null;
        Dash dash = null;
        String s = fmt.strip();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
            if (two.equals("--") || two.equals("-.")) {
                dash = set(dash, two.equals("--") ? Dash.DASHED : Dash.DASH_DOT, fmt);
                i += 2;
                continue;
            }
            if (c == '-' || c == ':') {
                dash = set(dash, c == '-' ? Dash.SOLID : Dash.DOTTED, fmt);
            } else if ("bgrcmykw".indexOf(c) >= 0 && color == null) {
                color = letterColor(c);
            } else if (Marker.of(c) != null && marker == null) {
                marker = Marker.of(c);
            } else {
                throw new IllegalArgumentException("fmts: format \"" + fmt + "\" is not understood at '" + c
                        + "'; use an optional colour letter (b g r c m y k w), an optional marker (o . s ^ v D + x *)"
                        + " and an optional line style (- -- -. :), e.g. \"m--\", \"o\" or \"r-o\"");
            }
            i++;
        }
        if (dash == null) {
            // matplotlib: a marker without a line style draws markers only; nothing at all means a solid line.
            dash = marker == null ? Dash.SOLID : Dash.NONE;
        }
        return new LineFormat(color != null ? color : CYCLE[index % CYCLE.length], dash,
                marker == null ? Marker.NONE : marker);
    }

    private static Dash set(Dash old, Dash now, String fmt) {
        if (old != null) {
            throw new IllegalArgumentException("fmts: format \"" + fmt + "\" has two line styles; give one of - -- -. :");
        }
        return now;
    }

    boolean hasLine() { return dash != Dash.NONE; }

    boolean hasMarker() { return marker != Marker.NONE; }

    /** matplotlib's single-letter colours (its "base colors"). */
    private static String letterColor(char c) {
        return switch (c) {
            case 'b' -> "#0000ff";
            case 'g' -> "#008000";
            case 'r' -> "#ff0000";
            case 'c' -> "#00bfbf";
            case 'm' -> "#bf00bf";
            case 'y' -> "#bfbf00";
            case 'k' -> "#000000";
            case 'w' -> "#ffffff";
            default -> throw new AssertionError(c);
        };
    }
}
