package org.rapaio.jupyter.kernel.message.messages;

import java.util.List;

import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Our replacement (ahead of rapaio-jupyter-kernel 3.0.1 on the class path): the protocol requires
 * {@code status} in every reply, and {@code debugger} tells JupyterLab not to offer a debugger.
 */
public record ShellKernelInfoReply(
        @SerializedName("status") String status,
        @SerializedName("protocol_version") String protocolVersion,
        @SerializedName("implementation") String implementationName,
        @SerializedName("implementation_version") String implementationVersion,
        @SerializedName("language_info") LanguageInfo langInfo,
        @SerializedName("banner") String banner,
        @SerializedName("help_links") List<LanguageInfo.Help> helpLinks,
        @SerializedName("debugger") boolean debugger
) implements ContentType<ShellKernelInfoReply> {

    public ShellKernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
                                LanguageInfo langInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        this("ok", protocolVersion, implementationName, implementationVersion, langInfo, banner, helpLinks, false);
    }

    @Override
    public MessageType<ShellKernelInfoReply> type() {
        return MessageType.SHELL_KERNEL_INFO_REPLY;
    }
}
