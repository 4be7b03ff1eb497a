package org.rapaio.jupyter.kernel.message.messages;

import java.util.Map;

import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/** Our replacement (ahead of rapaio-jupyter-kernel 3.0.1): the reply carries the required {@code status}. */
public record ShellCommInfoReply(@SerializedName("status") String status, @SerializedName("comms") Map<String, CommInfo> comms)
        implements ContentType<ShellCommInfoReply> {

    public ShellCommInfoReply(Map<String, CommInfo> comms) {
        this("ok", comms);
    }

    @Override
    public MessageType<ShellCommInfoReply> type() {
        return MessageType.SHELL_COMM_INFO_REPLY;
    }

    public record CommInfo(@SerializedName("target_name") String targetName) {
    }
}
