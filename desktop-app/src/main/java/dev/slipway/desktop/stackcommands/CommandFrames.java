package dev.slipway.desktop.stackcommands;

import dev.slipway.core.config.SlipwayHome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local stack's command socket, {@code $SLIPWAY_HOME/stack.sock}: a Unix domain socket on which
 * the stack's warm JVM runs {@code slipway deploy} for a {@code slipway} process that would
 * otherwise load and run all of it cold (docs/decisions/0008-deploy-overhead.md, session 14).
 *
 * <p>The caller sends one request (its arguments, working folder, environment and whether it has a
 * console); the stack answers {@link #ACCEPTED} or {@link #DECLINED} (then the caller runs the
 * command itself), then the command's standard output and error as frames, then its exit code. The
 * caller sends {@link #INTERRUPT} when the user stops it (Ctrl-C). Each frame is one type byte, a
 * four-byte length and that many bytes.
 */
final class CommandFrames {

    static final int MAGIC = 0x534c5057; // "SLPW"
    static final int VERSION = 1;

    static final byte ACCEPTED = 'A';
    static final byte DECLINED = 'D';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';
    static final byte INTERRUPT = 'I';

    /** {@code SLIPWAY_STACK_COMMANDS=false}: every command runs in its own process. */
    static final String ENV = "SLIPWAY_STACK_COMMANDS";

    /** The root options that may come before the command's name ({@code Cli}'s). */
    private static final Set<String> ROOT_FLAGS = Set.of("--json", "--no-color", "-v", "--verbose");

    /** Options that make a command print help or change this process's logging. */
    private static final Set<String> OWN_PROCESS =
            Set.of("--debug", "-h", "--help", "-V", "--version");

    /** A socket path longer than this does not fit a Unix socket address on every system. */
    private static final int MAX_PATH_BYTES = 100;

    private CommandFrames() {}

    /** The socket of the stack of {@code home}. */
    static Path socket(SlipwayHome home) {
        return home.root().toAbsolutePath().resolve("stack.sock");
    }

    /** Whether {@code socket} fits in a Unix socket address. */
    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    /**
     * Whether the stack runs these arguments: {@code deploy}, after root flags only, without {@code
     * --debug} or help.
     */
    static boolean runsInStack(List<String> args) {
        for (String arg : args) {
            if (OWN_PROCESS.contains(arg)) {
                return false;
            }
        }
        for (String arg : args) {
            if (!ROOT_FLAGS.contains(arg)) {
                return arg.equals("deploy");
            }
        }
        return false;
    }

    /** What a caller asks the stack to run. */
    record Request(
            long pid,
            boolean console,
            Path workingDir,
            List<String> args,
            Map<String, String> env) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(pid);
            out.writeBoolean(console);
            writeString(out, workingDir.toString());
            out.writeInt(args.size());
            for (String arg : args) {
                writeString(out, arg);
            }
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.flush();
        }

        /**
         * @throws IOException when the bytes are not a request of this version
         */
        static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a Slipway command request of version " + VERSION);
            }
            long pid = in.readLong();
            boolean console = in.readBoolean();
            Path workingDir = Path.of(readString(in));
            int argc = count(in.readInt());
            List<String> args = new java.util.ArrayList<>(argc);
            for (int i = 0; i < argc; i++) {
                args.add(readString(in));
            }
            int envc = count(in.readInt());
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < envc; i++) {
                env.put(readString(in), readString(in));
            }
            return new Request(pid, console, workingDir, List.copyOf(args), Map.copyOf(env));
        }
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > 100_000) {
            throw new IOException("a count of " + n + " in a command request");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("a string of " + length + " bytes in a command request");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes one frame, whole. */
    static void write(SocketChannel channel, byte type, byte[] payload, int offset, int length)
            throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).put(type).putInt(length).flip();
        ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
        ByteBuffer[] both = {head, body};
        while (head.hasRemaining() || body.hasRemaining()) {
            channel.write(both);
        }
    }

    /** One frame read. */
    record Frame(byte type, byte[] payload) {

        /**
         * @throws EOFException when the other side closed the socket between frames
         */
        static Frame read(DataInputStream in) throws IOException {
            byte type = in.readByte();
            int length = in.readInt();
            if (length < 0 || length > 1 << 24) {
                throw new IOException("a frame of " + length + " bytes");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(type, payload);
        }

        int exitCode() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }
}
