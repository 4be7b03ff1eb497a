package org.rapaio.jupyter.kernel.message.messages;

import java.util.List;

import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Ours (rapaio-jupyter-kernel 3.0.1 has no history reply): {@code history} holds
 * {@code [session, line, input]} or, when output was asked for, {@code [session, line, [input, output]]}.
 */
public record ShellHistoryReply(@SerializedName("status") String status, @SerializedName("history") List<List<Object>> history)
        implements ContentType<ShellHistoryReply> {

    public static final MessageType<ShellHistoryReply> TYPE = new MessageType<>("history_reply", ShellHistoryReply.class);

    public ShellHistoryReply(List<List<Object>> history) {
        this("ok", history);
    }

    @Override
    public MessageType<ShellHistoryReply> type() {
        return TYPE;
    }
}
