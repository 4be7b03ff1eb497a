package org.rapaio.jupyter.kernel.core.java;

import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the classes JShell compiles from a cell so that every loop in them checks {@link CellStop}.
 *
 * <p>A loop is a jump back to an instruction already seen; a call to {@link CellStop#poll()} goes just
 * before that jump. The call takes and leaves nothing on the operand stack, so stack sizes and the
 * stack map frames stay valid as they are. This is what makes Stop work for a tight loop in a cell
 * on every JDK, without {@code Thread.stop} (which JDK 20 and later refuse).
 *
 * <p>If ASM cannot read a class (a class file newer than ASM knows), the class is loaded unchanged and
 * its loops can be stopped only by the fallbacks in {@link RapaioExecutionControl}.
 */
public final class LoopInstrumenter {

    private static final Logger LOGGER = Logger.getLogger(LoopInstrumenter.class.getSimpleName());
    private static final String OWNER = CellStop.class.getName().replace('.', '/');

    private LoopInstrumenter() {
    }

    /** The class file {@code bytes} with a stop check before each backward jump, or {@code bytes} if it cannot be read. */
    public static byte[] instrument(byte[] bytes) {
        try {
            ClassReader reader = new ClassReader(bytes);
            // Flags 0: frames and maximum sizes are copied as they are, which stays correct (see above).
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new LoopPolls(super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            LOGGER.warning("Cell class left as compiled (Stop relies on the fallbacks for it): " + e);
            return bytes;
        }
    }

    private static final class LoopPolls extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        LoopPolls(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (seen.contains(target)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "poll", "()V", false);
            }
            super.visitJumpInsn(opcode, target);
        }
    }
}
