package org.rapaio.jupyter.kernel.display;

import java.util.Arrays;

import org.rapaio.jupyter.kernel.global.Global;

/**
 * Our replacement (ahead of rapaio-jupyter-kernel 3.0.1 on the class path) for the renderer of objects
 * that have no renderer of their own: the result of {@code 6 * 7}, a {@code TrainResult}, a string.
 *
 * <p>The original sent only {@code text/html} holding the raw {@code toString()}: front ends and nbconvert
 * expect {@code text/plain}, and as HTML a multi-line {@code toString()} lost its line breaks and a
 * {@code <} in it was read as markup. Now: {@code text/plain} always; an explicitly asked MIME type
 * (e.g. {@code display("text/markdown", s)}) in addition. Arrays show their elements.
 */
public class DefaultDisplayRenderer implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return Object.class;
    }

    @Override
    public boolean canRender(String mime) {
        return true;
    }

    @Override
    public DisplayData render(String mime, Object o) {
        String text = text(o);
        DisplayData dd = DisplayData.fromText(text);
        if (mime != null && !mime.isBlank()) {
            MimeType type = MimeType.from(mime, Global.options().display().defaultMime());
            if (!"text/plain".equals(type.longType())) {
                dd.putData(type.longType(), text);
            }
        }
        return dd;
    }

    /** {@code toString()}, except that arrays show their elements ({@code [1.0, 2.0]}), as JShell does. */
    public static String text(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (o instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof float[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof short[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof byte[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof char[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        return o.toString();
    }
}
