package org.rapaio.jupyter.kernel.message.messages;

import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/** Our replacement (ahead of rapaio-jupyter-kernel 3.0.1): the reply carries the required {@code status}. */
public record ControlShutdownReply(@SerializedName("status") String status, @SerializedName("restart") boolean restart)
        implements ContentType<ControlShutdownReply> {

    public static final ControlShutdownReply SHUTDOWN_AND_RESTART = new ControlShutdownReply(true);
    public static final ControlShutdownReply SHUTDOWN = new ControlShutdownReply(false);

    public ControlShutdownReply(boolean restart) {
        this("ok", restart);
    }

    @Override
    public MessageType<ControlShutdownReply> type() {
        return MessageType.CONTROL_SHUTDOWN_REPLY;
    }
}
