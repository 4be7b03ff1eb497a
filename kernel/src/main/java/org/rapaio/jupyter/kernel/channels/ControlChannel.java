package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Our replacement for the kernel's control channel (rapaio-jupyter-kernel 3.0.1), ahead of its jar on the
 * class path. Its requests (interrupt, shutdown) arrive while a cell runs on the shell thread, so they are
 * handled through {@link Channels#handleControl}, which keeps them apart from the cell's request and sends
 * their replies on this socket (the original sent them on the shell socket).
 */
public final class ControlChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 10;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels channels;
    private volatile LoopThread loopThread;

    public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
        this.channels = channels;
    }

    @Override
    @SuppressWarnings({"rawtypes"})
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }

        String channelThreadName = "Control-" + ID.getAndIncrement();
        String addr = connProps.formatAddress(connProps.controlPort());

        LOGGER.fine(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread(channelThreadName, LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                Message<?> message = readMessage();
                if (message == null) {
                    return;
                }
                var type = message.header().type();
                MessageHandler handler = channels.getHandler(type);
                if (handler != null) {
                    LOGGER.fine(logPrefix + "Handling message: " + type.name());
                    try {
                        channels.handleControl(message, handler);
                    } catch (Exception e) {
                        LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". " +
                                e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
                    }
                    if (channels.isMarkedForShutdown()) {
                        LOGGER.fine(channelThreadName + " shutting down connection marked for shutdown.");
                        channels.close();
                    }
                } else {
                    LOGGER.warning(logPrefix + "Unhandled message: " + type.name());
                }
            }
        });
        loopThread.setDaemon(true);
        loopThread.start();
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (this.loopThread != null) {
            try {
                this.loopThread.join();
            } catch (InterruptedException ignored) {
            }
        }
    }
}
