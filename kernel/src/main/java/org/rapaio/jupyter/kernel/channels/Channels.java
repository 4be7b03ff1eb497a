package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Our replacement for the kernel's {@code Channels} (rapaio-jupyter-kernel 3.0.1), ahead of its jar on the
 * class path like {@code LoopThread}.
 *
 * <p>Why: the original kept one "current request" and one stack of after-actions for all threads. A
 * control request (interrupt) handled while a cell ran on the shell thread overwrote the cell's request
 * (its output went to the wrong parent), ran the cell's after-actions on the control thread, and sent
 * the interrupt reply on the shell socket instead of the control socket. Now a control request is
 * handled with its own parent, its own after-actions and replies on the control socket
 * ({@link #handleControl}), and the shell request stays the parent of the running cell's output.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    /** Per thread: the shell thread's and the control thread's after-actions never mix. */
    private final ThreadLocal<Deque<Runnable>> afterActions = ThreadLocal.withInitial(ArrayDeque::new);
    /** Set while the control thread handles a request: the parent of what it sends. */
    private final ThreadLocal<MessageId<?>> controlMsgId = new ThreadLocal<>();

    private volatile Map<MessageType<?>, MessageHandler> handlers;
    /** The shell request being handled: the parent of the cell's output, from whichever thread it comes. */
    private volatile MessageId<?> msgId;

    private boolean isConnected = false;
    private volatile boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            // Handlers and the kernel first: a request may arrive as soon as a socket is bound.
            Map<MessageType<?>, MessageHandler> map = new HashMap<>();
            map.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            map.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            map.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            map.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            map.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            map.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            map.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            map.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            map.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            map.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            map.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            map.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            handlers = map;
            kernel.registerChannels(this);
            RapaioExecutionControl.guardStopWith(iopub);

            iopub.bind(connProps);
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            channels.stream().filter(c -> c != iopub).forEach(s -> s.bind(connProps));
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        Map<MessageType<?>, MessageHandler> map = handlers;
        return map == null ? null : map.get(type);
    }

    /** Runs {@code handler} for a control request on the calling (control) thread, as described above. */
    void handleControl(Message<?> message, MessageHandler handler) throws Exception {
        controlMsgId.set(message.getId());
        try {
            handler.handle(message);
        } finally {
            try {
                runAfterActions();
            } finally {
                controlMsgId.remove();
            }
        }
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return msgId != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        this.msgId = msgId;
    }

    public void freeMsgId() {
        this.msgId = null;
    }

    private MessageId<?> parent() {
        MessageId<?> c = controlMsgId.get();
        return c != null ? c : msgId;
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(parent(), content.type(), content));
    }

    /** A reply to the request being handled: on the control socket for a control request, else on the shell socket. */
    public <T extends ContentType<T>> void reply(T content) {
        MessageId<?> c = controlMsgId.get();
        if (c != null) {
            control.sendMessage(new Message<>(c, content.type(), content));
        } else {
            shell.sendMessage(new Message<>(msgId, content.type(), content));
        }
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        MessageId<?> c = controlMsgId.get();
        if (c != null) {
            control.sendMessage(new Message(c, type, error));
        } else {
            shell.sendMessage(new Message(msgId, type, error));
        }
    }

    public void scheduleAfter(Runnable action) {
        afterActions.get().push(action);
    }

    public void runAfterActions() {
        Deque<Runnable> actions = afterActions.get();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
