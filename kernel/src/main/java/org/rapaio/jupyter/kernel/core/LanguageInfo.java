package org.rapaio.jupyter.kernel.core;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Our replacement (ahead of rapaio-jupyter-kernel 3.0.1 on the class path). The original reported
 * {@code codemirror_mode: "java"}, which is no CodeMirror mode, so cells a learner adds got no syntax
 * highlighting; CodeMirror knows Java by its MIME type {@code text/x-java}.
 */
public record LanguageInfo(
        @SerializedName("name") String name,
        @SerializedName("version") String version,
        @SerializedName("mimetype") String mimetype,
        @SerializedName("file_extension") String fileExtension,
        @SerializedName("pygments_lexer") String pygmentsLexer,
        @SerializedName("codemirror_mode") Object codemirrorMode,
        @SerializedName("nbconvert_exporter") String nbconvertExporter
) {

    public static final String MIME = "text/x-java";

    public static LanguageInfo kernelLanguageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), MIME, ".jshell", "java", MIME, "script");
    }

    public record Help(String text, String url) {
    }
}
