package org.rapaio.jupyter.kernel.message.messages;

import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/** Our replacement (ahead of rapaio-jupyter-kernel 3.0.1): the reply carries the required {@code status}. */
public record ControlInterruptReply(@SerializedName("status") String status) implements ContentType<ControlInterruptReply> {

    public ControlInterruptReply() {
        this("ok");
    }

    @Override
    public MessageType<ControlInterruptReply> type() {
        return MessageType.CONTROL_INTERRUPT_REPLY;
    }
}
