package org.rapaio.jupyter.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.install.Installer;

/**
 * Our replacement for the kernel's entry point (rapaio-jupyter-kernel 3.0.1), ahead of its jar on the class
 * path. Two changes: it never logs the connection file (the original logged it at INFO, HMAC key
 * included, into the terminal that runs Jupyter), and the JVM exits once the channels are closed, so a cell
 * thread that did not stop cannot keep a shut-down kernel alive. Logging is configured by our
 * {@code logging.properties} (warnings and errors only), which comes first on the class path.
 */
public class MainApp {

    private static final String IPC_TRANSPORT = "ipc";
    private static final Logger LOGGER = Logger.getLogger(MainApp.class.getSimpleName());

    public static final RapaioKernel kernel;

    static {
        try (InputStream config = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            LOGGER.warning("Could not read logging.properties: " + e);
        }
        kernel = new RapaioKernel();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Kernel should have at least one argument. You can start it either with -i option for "
                    + "launching installer, either with connection file name as argument to work as a kernel.");
        }

        if (args[0].equals("-i")) {
            String[] installerArgs = Arrays.copyOfRange(args, 1, args.length);
            new Installer().install(installerArgs);
        } else {
            runKernel(args[0]);
            System.exit(0);
        }
    }

    private static void runKernel(String connectionFileArg) throws IOException, NoSuchAlgorithmException, InvalidKeyException {
        Path connectionFile = Paths.get(connectionFileArg);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("Connection file '" + connectionFile + "' isn't a file.");
        }
        ConnectionProperties connProps = Transform.fromJson(Files.readString(connectionFile), ConnectionProperties.class);
        if (IPC_TRANSPORT.equals(connProps.transport())) {
            LOGGER.severe("ipc protocol is not supported.");
        }

        Channels channels = new Channels(connProps);
        channels.connect(kernel);
        channels.joinUntilClose();
    }
}
