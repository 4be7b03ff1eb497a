package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Lets JShell find Javadoc in sources jars, not only in the JDK's {@code lib/src.zip}.
 *
 * <p>JShell's {@code SourceCodeAnalysis.documentation(..., true)} reads Javadoc from source files, and
 * looks for them only in the running JDK's {@code src.zip} (Debian: package {@code openjdk-17-source}).
 * It keeps that list in a private field, {@code availableSources}, of its implementation (the same in
 * JDK 17 and 25). We fill it once with the JDK's list plus the given sources (the library's sources jar,
 * shipped with the kernelspec). This needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} on the
 * kernel's command line; without it, or on a JDK whose JShell differs, Shift+Tab still shows signatures
 * and the JDK's Javadoc, and a warning is logged.
 */
public final class JavadocSources {

    private static final Logger LOGGER = Logger.getLogger(JavadocSources.class.getSimpleName());

    private JavadocSources() {
    }

    /** Adds {@code sources} (jars or folders of .java files) to where {@code shell} looks for Javadoc. */
    public static boolean add(JShell shell, List<Path> sources) {
        if (sources.isEmpty()) {
            return true;
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        try {
            Method jdkSources = analysis.getClass().getDeclaredMethod("findSources");
            jdkSources.setAccessible(true);
            Field field = analysis.getClass().getDeclaredField("availableSources");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<Path> jdk = (List<Path>) jdkSources.invoke(analysis);
            List<Path> all = new ArrayList<>(jdk);
            all.addAll(sources);
            field.set(analysis, all);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warning("Shift+Tab will not show the library's Javadoc: cannot give JShell the sources "
                    + sources + " (" + e + "). The kernel needs --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.");
            return false;
        }
    }
}
